import { DomainError, ValidationError, type FileStore, type StoredFile } from '@jiaolian/service-kit';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { findNul, nulError } from '../http/text-checks.js';
import '../http/request.types.js';
import { uploadFingerprint } from '../idempotency/idempotency.rules.js';

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
  let received: MultipartFile | undefined;
  try {
    received = await request.file({ limits: { fileSize: options.maxBytes } });
  } catch (error) {
    throw unreadableForm(error);
  }
  if (!received) throw ValidationError.of('file', 'gateway.upload.no-file');
  const part = received;
  const refuse = (error: ValidationError): ValidationError => {
    part.file.resume();
    return error;
  };
  if (part.fieldname !== 'file') throw refuse(ValidationError.of('file', 'gateway.upload.wrong-field'));
  const filename = part.filename.normalize('NFC');
  if (findNul(filename) !== undefined) throw refuse(ValidationError.of('file', 'gateway.upload.nul-in-name'));
  const extension = filename.includes('.') ? filename.slice(filename.lastIndexOf('.')).toLowerCase() : '';
  if (!options.extensions.includes(extension)) throw refuse(ValidationError.of('file', 'file.type-not-accepted', { extensions: options.extensions.join(', ') }));
  const fields = formFields(part);
  const nul = findNul(fields);
  if (nul !== undefined) throw refuse(nulError(nul));
  const key = `${options.keyPrefix}/${randomUUID()}`;
  const tooLarge = (): ValidationError =>
    ValidationError.of('file', 'file.too-large', { maxMb: Math.round(options.maxBytes / 1024 / 1024) });
  // An error of the part's own stream is the client's (a truncated or malformed body); others are the store's.
  let streamError: unknown;
  part.file.once('error', (error: unknown) => { streamError = error; });
  let file: StoredFile;
  try {
    file = await store.put(part.file, { key, filename, contentType: part.mimetype || 'application/octet-stream', maxBytes: options.maxBytes });
  } catch (error) {
    // @fastify/multipart ends the stream with FST_REQ_FILE_TOO_LARGE at the route's limit
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (streamError !== undefined) throw unreadableForm(streamError);
    throw error;
  }
  if (part.file.truncated) {
    await store.delete(key).catch(() => undefined);
    throw tooLarge();
  }
  // an Idempotency-Key retry of this request is compared with what was received here
  request.uploadFingerprint = uploadFingerprint(file.sha256, filename, fields);
  return { file, fields };
}

/** The multipart form's text fields that came before the file part. */
export function formFields(part: MultipartFile): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field' && name !== 'file') fields[name] = String(value.value);
  }
  return fields;
}

/**
 * What a multipart body that cannot be read answers: a client error as @fastify/multipart raised it
 * (413 for its limits), or a 400 naming the file for what its parser, busboy, throws as plain errors
 * (no boundary, a boundary that never comes, a body cut short, a malformed part header).
 */
function unreadableForm(error: unknown): Error {
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return error as Error;
  const reason = error instanceof Error ? error.message : String(error);
  return ValidationError.of('file', 'gateway.upload.unreadable', { reason });
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
