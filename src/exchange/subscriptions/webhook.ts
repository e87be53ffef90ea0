import type { AddressGuard } from '../../platform/net/index.js';
import type { SignatureAlgorithm } from '../../sharing/index.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../../sharing/index.js';
import type { FeedChange } from './feed.js';

/** What a push carries: the same changes a pull of the same range would give. */
export interface PushBody {
  subscriptionId: string;
  entryId: string;
  changes: FeedChange[];
  lastSeq: number;
}

export type PushOutcome =
  | { ok: true; statusCode: number }
  | { ok: false; error: string; statusCode?: number };

export const SUBSCRIPTION_HEADER = 'x-govshare-subscription';
export const DELIVERY_HEADER = 'x-govshare-delivery';

/**
 * POSTs one batch, signed like notice webhooks (`x-govshare-signature` = HMAC of
 * `timestamp.body`, `x-govshare-timestamp` in Unix seconds); any 2xx acknowledges the batch. A
 * redirect is a failure: the platform never follows a receiver elsewhere with data.
 */
export async function postChanges(
  url: string,
  signing: { algorithm: SignatureAlgorithm; secret: string },
  deliveryId: string,
  body: string,
  subscriptionId: string,
  now: Date,
  timeoutMs: number,
  guard: AddressGuard,
): Promise<PushOutcome> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  try {
    // Checked again at every call, on the address connected to: DNS may have changed since.
    guard.checkLiteral(new URL(url));
    // Node's fetch takes an undici dispatcher; the DOM typing of RequestInit does not know it.
    const init: RequestInit & { dispatcher: unknown } = {
      dispatcher: guard.dispatcher,
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'govshare-webhook',
        'x-govshare-event': 'exchange.changes',
        [SUBSCRIPTION_HEADER]: subscriptionId,
        [DELIVERY_HEADER]: deliveryId,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(signing.algorithm, signing.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    };
    const response = await fetch(url, init);
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    return { ok: false, error: `HTTP ${response.status}`, statusCode: response.status };
  } catch (error) {
    const err = error as Error & { code?: string; cause?: { code?: string } };
    if (err.name === 'TimeoutError') return { ok: false, error: `timeout after ${timeoutMs} ms` };
    // OUTBOUND_ADDRESS_REFUSED from the guard, a socket's code (ECONNREFUSED…), or the message.
    return { ok: false, error: err.code ?? err.cause?.code ?? err.message };
  }
}
