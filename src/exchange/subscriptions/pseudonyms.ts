import { createHmac } from 'node:crypto';
import type { CryptoSuite } from '../../platform/config/index.js';
import { randomSecret, type SecretBox } from '../../platform/crypto/index.js';
import { tablesOf } from '../../platform/db/index.js';
import { Settings, type SettingsTables } from '../../platform/settings/index.js';
import type { OpenedRead } from '../access.js';
import { keyColumns } from '../hosting/columns.js';
import type { ExchangeDb } from '../schema.js';

const SETTING = 'exchange.feed_pseudonym_key';

/** Whether the reader receives every key item unmasked: only then may it see raw keys. */
export function keysInClear(read: Pick<OpenedRead, 'resource' | 'columns' | 'masked'>): boolean {
  return keyColumns(read.resource.columns).every(
    (k) => read.columns.some((c) => c.item === k.item) && !read.masked.has(k.item),
  );
}

/**
 * The key a change feed gives a reader who does not see the key items in clear: a keyed digest
 * of the record key, stable for one consumer department and resource (so its local copy can
 * update and delete by it) and different for every other consumer (so two departments cannot
 * join their copies on it), from which the identifier cannot be recovered. Always starts with `~`.
 * The key is random per instance, sealed at rest in the instance settings, the same on every node.
 */
export class FeedPseudonyms {
  #key: Promise<Buffer> | undefined;

  constructor(private readonly deps: { db: ExchangeDb; box: SecretBox; cryptoSuite: CryptoSuite }) {}

  /** Maps raw record keys to what this reader may see of them. */
  async keyOf(
    read: Pick<OpenedRead, 'resource' | 'columns' | 'masked'>,
    consumerDepartmentId: string,
  ): Promise<(key: string) => string> {
    if (keysInClear(read)) return (key) => key;
    const secret = await this.#secret();
    const algorithm = this.deps.cryptoSuite === 'sm' ? 'sm3' : 'sha256';
    const scope = `${consumerDepartmentId}\n${read.resource.entry.id}\n`;
    return (key) =>
      `~${createHmac(algorithm, secret).update(scope).update(key).digest('base64url').slice(0, 32)}`;
  }

  #secret(): Promise<Buffer> {
    this.#key ??= new Settings(tablesOf<SettingsTables>(this.deps.db))
      .getOrInit(SETTING, () => this.deps.box.seal(randomSecret(32)))
      .then((sealed) => Buffer.from(this.deps.box.open(sealed), 'utf8'))
      .catch((error: unknown) => {
        this.#key = undefined;
        throw error;
      });
    return this.#key;
  }
}
