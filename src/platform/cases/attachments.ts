import { createHash } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { type Executor, newId } from '../db/index.js';
import { strict } from '../http/index.js';

/**
 * Files a case carries (a verification request's evidence, a rectification report's material):
 * small documents kept beside the case in a table of its type — `(id, <case column>, name,
 * media_type, size, digest, content_base64, uploaded_by_name?, created_at)` — each sealed by the
 * SHA-256 of its content. The case type's service checks who may attach and read, and audits both.
 */
export const CASE_ATTACHMENT = {
  /** Each file at most this many bytes, decoded. */
  bytes: 2 * 1024 * 1024,
  mediaTypes: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'] as const,
};

/** One file as the API takes it: its name, media type and content in base64. */
export const CaseAttachmentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: '文件名 / file name' }),
    mediaType: Type.String({ minLength: 1, maxLength: 100, description: '媒体类型 / media type' }),
    // Base64 of at most CASE_ATTACHMENT.bytes (4/3 of it, rounded up to 4).
    contentBase64: Type.String({ minLength: 1, maxLength: 2_796_204 }),
  },
  strict,
);
export type CaseAttachmentInput = Static<typeof CaseAttachmentBody>;

/** A file checked and decoded, ready to store. */
export interface CheckedAttachment {
  name: string;
  mediaType: string;
  size: number;
  /** SHA-256 of the content, hex. */
  digest: string;
  contentBase64: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Checks and decodes one file: a name, a media type of the list, well-formed base64 (line breaks
 * allowed), not empty and within the size. Undefined when refused: the case type answers with its
 * own error, naming the file and the limits.
 */
export function checkAttachment(input: CaseAttachmentInput): CheckedAttachment | undefined {
  const name = input.name.trim();
  const mediaType = input.mediaType.trim().toLowerCase();
  if (!name || !(CASE_ATTACHMENT.mediaTypes as readonly string[]).includes(mediaType)) return undefined;
  const text = input.contentBase64.replace(/\s+/g, '');
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0 || bytes.length > CASE_ATTACHMENT.bytes) return undefined;
  return {
    name,
    mediaType,
    size: bytes.length,
    digest: createHash('sha256').update(bytes).digest('hex'),
    contentBase64: bytes.toString('base64'),
  };
}

/** A file as a case lists it (its content left out). */
export interface AttachmentListed {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  digest: string;
  /** Who attached it, where the case type's table records it. */
  uploadedBy?: string;
  createdAt: string;
}

/** A file's content as its download route sends it. */
export interface AttachmentContent {
  name: string;
  mediaType: string;
  digest: string;
  size: number;
  content: Buffer;
}

/**
 * The attachments table of one case type: `table` holds the files, `caseColumn` the case's id;
 * `uploadedBy` where the table records who attached each file.
 */
export class CaseAttachments {
  constructor(
    private readonly table: string,
    private readonly caseColumn: string,
    private readonly options: { uploadedBy?: boolean } = {},
  ) {}

  /** Stores a checked file with the case and answers its id. */
  async add(
    trx: Executor,
    caseId: string,
    file: CheckedAttachment,
    at: string,
    uploadedBy?: string,
  ): Promise<string> {
    const id = newId(new Date(at));
    await trx
      .insertInto(this.table as never)
      .values({
        id,
        [this.caseColumn]: caseId,
        name: file.name,
        media_type: file.mediaType,
        size: file.size,
        digest: file.digest,
        content_base64: file.contentBase64,
        ...(this.options.uploadedBy ? { uploaded_by_name: uploadedBy ?? '' } : {}),
        created_at: at,
      } as never)
      .execute();
    return id;
  }

  /** How many files the case carries (to hold it to its limit, inside the attaching transaction). */
  async count(trx: Executor, caseId: string): Promise<number> {
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(this.table)}
      where ${sql.ref(this.caseColumn)} = ${caseId}`.execute(trx);
    return Number(row.rows[0]?.n ?? 0);
  }

  /** The case's files, oldest first, without their content. */
  async list(executor: Executor, caseId: string): Promise<AttachmentListed[]> {
    const columns = ['id', 'name', 'media_type', 'size', 'digest', 'created_at'];
    if (this.options.uploadedBy) columns.push('uploaded_by_name');
    const rows = (await executor
      .selectFrom(this.table as never)
      .select(columns as never[])
      .where(this.caseColumn as never, '=', caseId as never)
      .orderBy('created_at' as never)
      .orderBy('id' as never)
      .execute()) as unknown as {
      id: string;
      name: string;
      media_type: string;
      size: number | string;
      digest: string;
      created_at: string;
      uploaded_by_name?: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      mediaType: r.media_type,
      size: Number(r.size),
      digest: r.digest,
      ...(r.uploaded_by_name !== undefined ? { uploadedBy: r.uploaded_by_name } : {}),
      createdAt: r.created_at,
    }));
  }

  /** One file of the case with its content; undefined where the case has no such file. */
  async read(
    executor: Executor,
    caseId: string,
    attachmentId: string,
  ): Promise<AttachmentContent | undefined> {
    const file = (await executor
      .selectFrom(this.table as never)
      .select(['name', 'media_type', 'digest', 'size', 'content_base64'] as never[])
      .where('id' as never, '=', attachmentId as never)
      .where(this.caseColumn as never, '=', caseId as never)
      .executeTakeFirst()) as
      | { name: string; media_type: string; digest: string; size: number; content_base64: string }
      | undefined;
    if (!file) return undefined;
    return {
      name: file.name,
      mediaType: file.media_type,
      digest: file.digest,
      size: Number(file.size),
      content: Buffer.from(file.content_base64, 'base64'),
    };
  }
}

/**
 * Sends a file as its download route answers: its media type, its name (UTF-8) for saving, never
 * sniffed, with the SHA-256 the case recorded for it (`Digest`), so the reader can check it.
 */
export function sendAttachment(reply: FastifyReply, file: AttachmentContent): FastifyReply {
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('digest', `sha-256=${Buffer.from(file.digest, 'hex').toString('base64')}`)
    .send(file.content);
}
