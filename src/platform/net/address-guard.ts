import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import { defineErrors } from '../errors/index.js';

export const NetErrors = defineErrors('platform', {
  OUTBOUND_ADDRESS_REFUSED: {
    status: 502,
    zh: '目标地址不在允许连接的范围（本机、内网或保留地址）：{host}',
    en: 'The target address is not one the platform may connect to (loopback, private or reserved): {host}',
  },
});

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The networks operators list (CIDR), parsed; a bare address is a network of one. */
export function parseNetworks(networks: readonly string[]): [Address, number][] {
  return networks.map((network) => {
    const text = network.trim();
    if (ipaddr.isValidCIDR(text)) return ipaddr.parseCIDR(text);
    const address = ipaddr.parse(text);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  });
}

/**
 * Where the platform may connect when a department names the address (SSRF, issue 12): interface
 * services, subscription push webhooks and notice webhooks. A URL is a department's say-so, and
 * the platform connects from inside its own network: to its loopback, the cloud metadata address
 * (169.254.169.254), the database's private subnet. Only public unicast addresses pass, plus the
 * networks the operator lists (`GOVSHARE_EXCHANGE_SERVICE_ALLOWED_NETWORKS`, e.g. the
 * e-government extranet's 10.0.0.0/8).
 *
 * The check runs at registration and again at every call, on the address actually connected to:
 * the agent's `lookup` drops refused addresses, so a name that resolved to a public address at
 * registration and to 127.0.0.1 now (DNS rebinding) reaches nothing.
 */
export class AddressGuard {
  #key = '';
  #networks: [Address, number][] = [];
  #agent: Agent | undefined;

  /**
   * `allowed` is read at each check: the list in force is the one the instance runs with. `refuse`
   * makes the error a refused connection answers with (the caller's own code).
   */
  constructor(
    private readonly allowed: () => readonly string[],
    private readonly refuse: (host: string) => Error = (host) =>
      NetErrors.error('OUTBOUND_ADDRESS_REFUSED', { host }),
  ) {}

  #allowedNetworks(): [Address, number][] {
    const list = this.allowed();
    const key = list.join(',');
    if (key !== this.#key) {
      this.#networks = parseNetworks(list);
      this.#key = key;
      // Pooled connections were checked against the old list: they go with it.
      // A pool that fails to close is already gone; nothing else holds it.
      this.#agent?.destroy().catch(() => undefined);
      this.#agent = undefined;
    }
    return this.#networks;
  }

  /** Whether the gateway may connect to this IP address. */
  permits(text: string): boolean {
    if (!ipaddr.isValid(text)) return false;
    // process() turns ::ffff:127.0.0.1 into 127.0.0.1, so a mapped form is judged as what it is.
    const address = ipaddr.process(text);
    if (
      this.#allowedNetworks().some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits))
    )
      return true;
    // Only plain unicast: 6to4, Teredo and NAT64 forms can carry a private IPv4 address inside.
    return address.range() === 'unicast';
  }

  /**
   * The addresses of a URL's host the gateway may not connect to; empty when all are fine or the
   * name does not resolve yet (a provider may register before its DNS entry goes live: the call
   * checks again).
   */
  async refusedAddresses(url: URL): Promise<string[]> {
    const host = hostOf(url);
    if (isIP(host)) return this.permits(host) ? [] : [host];
    let addresses: LookupAddress[];
    try {
      addresses = await new Promise((resolve, reject) =>
        dnsLookup(host, { all: true, verbatim: true }, (error, found) =>
          error ? reject(error) : resolve(found),
        ),
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') return [];
      throw error;
    }
    return addresses.map((a) => a.address).filter((a) => !this.permits(a));
  }

  /** Refuses a call to an IP-literal host before connecting (a literal skips `lookup`). */
  checkLiteral(url: URL): void {
    const host = hostOf(url);
    if (isIP(host) && !this.permits(host)) throw this.refuse(url.host);
  }

  /** A `lookup` for sockets that hands on only the addresses the guard permits. */
  readonly lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, found) => {
      if (error) return callback(error, []);
      const permitted = found.filter((a) => this.permits(a.address));
      if (permitted.length === 0) return callback(this.refuse(hostname) as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, permitted);
      const first = permitted[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };

  /** The HTTP agent of upstream calls: every connection resolves through `lookup`. */
  get dispatcher(): Agent {
    this.#allowedNetworks();
    this.#agent ??= new Agent({ connect: { lookup: this.lookup } });
    return this.#agent;
  }
}

/** The URL's host without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}
