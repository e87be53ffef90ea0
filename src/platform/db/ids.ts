import { randomUUID } from 'node:crypto';

/**
 * Time-ordered identifiers (UUIDv7 layout): sort by creation, index well on both dialects, and
 * reveal nothing but the creation millisecond.
 */
export function newId(now: Date = new Date()): string {
  // randomUUID draws from a cached pool of entropy: far cheaper per id than randomBytes(16).
  const bytes = Buffer.from(randomUUID().replaceAll('-', ''), 'hex');
  const ms = BigInt(now.getTime());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
