import { once } from 'node:events';
import { createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type { CheckedOp } from '../apply.js';

type Frame = [index: number, key: string, values: CheckedOp['record']['values']][];

/**
 * Checked chunks kept on disk between a load's check and its writing (SQLite, keep good):
 * reading them back costs a fraction of parsing and checking the file again. Each chunk is one
 * length-prefixed frame in V8's serialization format.
 */
export class ChunkSpool {
  readonly #file: WriteStream;
  chunks = 0;

  constructor(readonly path: string) {
    this.#file = createWriteStream(path);
  }

  async write(ops: readonly CheckedOp[]): Promise<void> {
    const frame: Frame = ops.map((o) => [o.index, o.record.key, o.record.values]);
    const body = serialize(frame);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    this.#file.write(length);
    if (!this.#file.write(body)) await once(this.#file, 'drain');
    this.chunks += 1;
  }

  async close(): Promise<void> {
    if (this.#file.closed) return;
    const closed = once(this.#file, 'close');
    this.#file.end();
    await closed;
  }

  /** The chunks in the order written, as upserts. */
  async *read(): AsyncGenerator<CheckedOp[]> {
    const handle = await open(this.path, 'r');
    try {
      const length = Buffer.alloc(4);
      let position = 0;
      for (let n = 0; n < this.chunks; n++) {
        await handle.read(length, 0, 4, position);
        const size = length.readUInt32LE(0);
        const body = Buffer.alloc(size);
        await handle.read(body, 0, size, position + 4);
        position += 4 + size;
        const frame = deserialize(body) as Frame;
        yield frame.map(([index, key, values]) => ({ index, op: 'upsert', record: { key, values } }));
      }
    } finally {
      await handle.close();
    }
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
