import { createHmac } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AddressGuard } from '../../platform/net/index.js';
import type { SignatureAlgorithm } from './schema.js';

/** What a delivery carries: the notice as the inbox shows it. */
export interface NoticePayload {
  id: string;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  /** Absolute URL of the case in the portal, when the notice has one. */
  link: string | null;
  case: { type: string; id: string } | null;
  createdAt: string;
}

/** The outcome of one attempt. */
export type Attempt = { ok: true; statusCode?: number } | { ok: false; error: string; statusCode?: number };

export const SIGNATURE_HEADER = 'x-govshare-signature';
export const TIMESTAMP_HEADER = 'x-govshare-timestamp';

/**
 * The webhook signature: HMAC over `timestamp.body` with the channel's secret, as
 * `hmac-sha256=<hex>` or `hmac-sm3=<hex>`. The receiver recomputes it and rejects old timestamps.
 *
 * @example signWebhook('hmac-sm3', secret, '1767225600', '{"id":"…"}')
 */
export function signWebhook(
  algorithm: SignatureAlgorithm,
  secret: string,
  timestamp: string,
  body: string,
): string {
  const hash = algorithm === 'hmac-sm3' ? 'sm3' : 'sha256';
  return `${algorithm}=${createHmac(hash, secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** POSTs the notice as JSON with its signature; any 2xx is delivered. */
export async function postWebhook(
  url: string,
  signing: { algorithm: SignatureAlgorithm; secret: string },
  deliveryId: string,
  payload: NoticePayload,
  now: Date,
  guard: AddressGuard,
): Promise<Attempt> {
  const body = JSON.stringify(payload);
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
        'x-govshare-event': payload.kind,
        'x-govshare-delivery': deliveryId,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(signing.algorithm, signing.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    };
    const response = await fetch(url, init);
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
    return { ok: false, error: `HTTP ${response.status}`, statusCode: response.status };
  } catch (error) {
    const err = error as Error & { code?: string; cause?: { code?: string } };
    // OUTBOUND_ADDRESS_REFUSED from the guard, a socket's code (ECONNREFUSED…), or the message.
    return { ok: false, error: err.code ?? err.cause?.code ?? err.message };
  }
}

/** Sends notices by e-mail through the configured SMTP server. */
export class Mailer {
  readonly #transport: Transporter;
  readonly #from: string;
  constructor(smtp: { url: string; from: string }) {
    this.#transport = nodemailer.createTransport(smtp.url);
    this.#from = smtp.from;
  }

  async send(to: string, payload: NoticePayload): Promise<Attempt> {
    try {
      await this.#transport.sendMail({
        from: this.#from,
        to,
        subject: `${payload.title.zh} / ${payload.title.en}`,
        text: [
          payload.body.zh,
          '',
          payload.body.en,
          ...(payload.link ? ['', payload.link] : []),
          '',
          '—— 政务信息资源共享交换平台',
        ].join('\n'),
        headers: { 'X-Govshare-Notice': payload.id, 'X-Govshare-Event': payload.kind },
      });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  close(): void {
    this.#transport.close();
  }
}
