import { DomainError, ValidationError, type FileStore, type StoredFile } from '@jiaolian/service-kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';

export interface UploadOptions {
  /** key prefix in the file store, e.g. `curriculum/resources` */
  keyPrefix: string;
  maxBytes: number;
  /** accepted file name extensions, lower case with the dot, e.g. ['.xlsx', '.csv'] */
  extensions: readonly string[];
}

export interface ReceivedUpload {
  file: StoredFile;
  /** the multipart form's text fields that came before the file part */
  fields: Record<string, string>;
}

/**
 * Streams the one file of a multipart request into the file store and returns what was stored.
 * Nothing is kept when the type or size is wrong; the error names the `file` field.
 */
export async function receiveUpload(request: FastifyRequest, store: FileStore, options: UploadOptions): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw ValidationError.of('file', 'gateway.upload.not-multipart', { format: 'multipart/form-data' });
  const part = await request.file({ limits: { fileSize: options.maxBytes } });
  if (!part) throw ValidationError.of('file', 'gateway.upload.no-file');
  if (part.fieldname !== 'file') throw ValidationError.of('file', 'gateway.upload.wrong-field');
  const filename = part.filename.normalize('NFC');
  const extension = filename.includes('.') ? filename.slice(filename.lastIndexOf('.')).toLowerCase() : '';
  if (!options.extensions.includes(extension)) {
    part.file.resume();
    throw ValidationError.of('file', 'file.type-not-accepted', { extensions: options.extensions.join(', ') });
  }
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field' && name !== 'file') fields[name] = String(value.value);
  }
  const key = `${options.keyPrefix}/${randomUUID()}`;
  const tooLarge = (): ValidationError =>
    ValidationError.of('file', 'file.too-large', { maxMb: Math.round(options.maxBytes / 1024 / 1024) });
  let file: StoredFile;
  try {
    file = await store.put(part.file, { key, filename, contentType: part.mimetype || 'application/octet-stream', maxBytes: options.maxBytes });
  } catch (error) {
    // @fastify/multipart ends the stream with FST_REQ_FILE_TOO_LARGE at the route's limit
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
  if (part.file.truncated) {
    await store.delete(key).catch(() => undefined);
    throw tooLarge();
  }
  return { file, fields };
}

/** Streams a stored file to the client as an attachment with its (Chinese-safe) file name. */
export async function sendStoredFile(reply: FastifyReply, store: FileStore, key: string, filename?: string): Promise<FastifyReply> {
  const found = await store.get(key);
  if (!found) throw DomainError.coded('not-found', 'file.gone');
  const name = filename ?? found.file.filename;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', found.file.contentType)
    .header('content-length', String(found.file.size))
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(found.stream);
}
