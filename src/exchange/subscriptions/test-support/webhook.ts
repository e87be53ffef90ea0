import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SignatureAlgorithm } from '../../../sharing/delivery/schema.js';
import { signWebhook } from '../../../sharing/delivery/transports.js';
import type { PushBody } from '../webhook.js';

export interface ReceivedPush {
  /** The status this receiver answered. */
  status: number;
  headers: IncomingHttpHeaders;
  raw: string;
  body: PushBody;
}

/**
 * A real webhook receiver on 127.0.0.1: records every POST and answers the status that
 * `respond(n)` gives for the n-th request (1-based); 200 by default.
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedPush[];
  /** The pushes it acknowledged (2xx), in arrival order. */
  acknowledged(): ReceivedPush[];
  respond: (n: number) => number;
  /** Milliseconds each answer is held back (to catch concurrent pushes). */
  delayMs: number;
  /** The most pushes of one subscription this receiver held at once. */
  maxConcurrent: Map<string, number>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  respond: (n: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const received: ReceivedPush[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    respond,
    delayMs: 0,
    maxConcurrent: new Map(),
    acknowledged: () => received.filter((r) => r.status >= 200 && r.status < 300),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const holding = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as PushBody;
      const id = body.subscriptionId;
      const now = (holding.get(id) ?? 0) + 1;
      holding.set(id, now);
      receiver.maxConcurrent.set(id, Math.max(receiver.maxConcurrent.get(id) ?? 0, now));
      const answer = () => {
        holding.set(id, (holding.get(id) ?? 1) - 1);
        const status = receiver.respond(received.length + 1);
        received.push({ status, headers: request.headers, raw, body });
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
      };
      if (receiver.delayMs > 0) setTimeout(answer, receiver.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}

/** Whether a push's signature verifies with the subscription's secret, as a receiver checks it. */
export function signatureVerifies(
  push: ReceivedPush,
  algorithm: SignatureAlgorithm,
  secret: string,
): boolean {
  const timestamp = push.headers['x-govshare-timestamp'];
  const signature = push.headers['x-govshare-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  return signWebhook(algorithm, secret, timestamp, push.raw) === signature;
}
