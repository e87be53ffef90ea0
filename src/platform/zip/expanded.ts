import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import type { Label } from '../messages/index.js';

/** Random access to a zip file's bytes: a file on disk or a buffer in memory. */
export interface ZipSource {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

/** Why a zip (an xlsx) is refused before anyone unpacks it. */
export class ZipRefused extends Error {
  constructor(
    readonly reason: 'expanded' | 'malformed',
    /** What the user reads, in each language. */
    readonly text: Label,
  ) {
    super(text.en);
  }
}

export function bufferZip(data: Buffer): ZipSource {
  return { size: data.length, read: async (at, length) => data.subarray(at, at + length) };
}

/** Opens a zip on disk for `check`, closing it afterwards. */
export async function withFileZip<T>(path: string, check: (zip: ZipSource) => Promise<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await check({
      size,
      read: async (at, length) => {
        const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - at)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
        return buffer.subarray(0, bytesRead);
      },
    });
  } finally {
    await handle.close();
  }
}

const END = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const READ_CHUNK = 64 * 1024;
/** An xlsx has a few dozen parts; thousands are a way to make the reader work, not a workbook. */
const MAX_ENTRIES = 10_000;

interface Entry {
  method: number;
  flags: number;
  compressed: number;
  offset: number;
}

const malformed = (en: string, zh: string) => new ZipRefused('malformed', { zh, en });

function tooLarge(limit: number): ZipRefused {
  return new ZipRefused('expanded', {
    zh: `解压后超过 ${limit} 字节上限（疑似压缩炸弹）`,
    en: `expands past the ${limit}-byte limit (a decompression bomb?)`,
  });
}

function centralEntries(cd: Buffer, count: number): Entry[] {
  const entries: Entry[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL)
      throw malformed('broken central directory', '中央目录损坏');
    const entry = {
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      compressed: cd.readUInt32LE(at + 20),
      offset: cd.readUInt32LE(at + 42),
    };
    if (entry.compressed === 0xffffffff || entry.offset === 0xffffffff)
      throw malformed('zip64 archives are not accepted', '不接受 ZIP64 格式');
    entries.push(entry);
    at += 46 + cd.readUInt16LE(at + 28) + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
  }
  return entries.sort((a, b) => a.offset - b.offset);
}

/** Inflates a deflated entry only to count what it expands to, stopping once past `budget`. */
async function inflatedSize(zip: ZipSource, start: number, length: number, budget: number): Promise<number> {
  const inflate = createInflateRaw();
  let out = 0;
  let over = false;
  const finished = new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      out += chunk.length;
      if (out > budget && !over) {
        over = true;
        inflate.destroy();
        resolve();
      }
    });
    inflate.on('end', resolve);
    inflate.on('close', resolve);
    inflate.on('error', () => reject(malformed('corrupt compressed data', '压缩数据损坏')));
  });
  // Keeps a failure before `finished` is awaited from counting as unhandled.
  finished.catch(() => {});
  for (let at = 0; at < length && !over; at += READ_CHUNK) {
    const chunk = await zip.read(start + at, Math.min(READ_CHUNK, length - at));
    if (!inflate.write(chunk)) await Promise.race([once(inflate, 'drain'), finished]);
  }
  if (!over) inflate.end();
  await finished;
  return out;
}

/**
 * Counts the bytes a zip (an xlsx) expands to by inflating every entry — declared sizes can lie —
 * and refuses it past `limit`, without keeping any of the output. The entries must lie end to end
 * from the start of the file to its central directory, as every spreadsheet program writes them:
 * then a streaming reader, which walks the local headers, meets exactly the entries counted here.
 */
export async function checkExpandedSize(zip: ZipSource, limit: number): Promise<number> {
  const tailLength = Math.min(zip.size, 22 + 0xffff);
  const tail = await zip.read(zip.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i -= 1)
    if (tail.readUInt32LE(i) === END) {
      end = i;
      break;
    }
  if (end === -1) throw malformed('not a zip file', '不是 ZIP 文件');
  const count = tail.readUInt16LE(end + 10);
  const cdSize = tail.readUInt32LE(end + 12);
  const cdOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw malformed('zip64 archives are not accepted', '不接受 ZIP64 格式');
  if (count > MAX_ENTRIES) throw malformed(`more than ${MAX_ENTRIES} parts`, `超过 ${MAX_ENTRIES} 个部件`);
  if (cdOffset + cdSize > zip.size) throw malformed('broken central directory', '中央目录损坏');
  const entries = centralEntries(await zip.read(cdOffset, cdSize), count);

  let position = 0;
  let expanded = 0;
  for (const entry of entries) {
    if (entry.offset !== position) throw malformed('parts overlap or leave gaps', '部件重叠或有间隙');
    const local = await zip.read(entry.offset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL)
      throw malformed('broken part header', '部件头损坏');
    const dataStart = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const described = (entry.flags & 8) !== 0;
    if (!described && local.readUInt32LE(18) !== entry.compressed)
      throw malformed('part sizes disagree', '部件大小前后不一致');
    const dataEnd = dataStart + entry.compressed;
    if (dataEnd > cdOffset) throw malformed('broken part', '部件损坏');
    const budget = limit - expanded;
    if (entry.method === 0) expanded += entry.compressed;
    else if (entry.method === 8) expanded += await inflatedSize(zip, dataStart, entry.compressed, budget);
    else throw malformed(`compression method ${entry.method}`, `不支持的压缩方式 ${entry.method}`);
    if (expanded > limit) throw tooLarge(limit);
    position = dataEnd;
    if (described) {
      const descriptor = await zip.read(dataEnd, 4);
      position += descriptor.length === 4 && descriptor.readUInt32LE(0) === DESCRIPTOR ? 16 : 12;
    }
  }
  if (position !== cdOffset) throw malformed('parts overlap or leave gaps', '部件重叠或有间隙');
  return expanded;
}
