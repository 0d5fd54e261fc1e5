import { createFileStore, NATS_CONNECTION, type FileStore } from '@jiaolian/service-kit';
import type { Provider } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { PassThrough } from 'node:stream';

/** Where uploaded score sheets are read from and generated workbooks are written to. */
export const ASSESSMENT_FILES = Symbol('ASSESSMENT_FILES');

export const assessmentFilesProvider: Provider = {
  provide: ASSESSMENT_FILES,
  inject: [NATS_CONNECTION],
  useFactory: (nc: NatsConnection): FileStore => createFileStore(nc),
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Streams what `write` produces into the file store: the writer fills a PassThrough while the store
 * drains it, so a large workbook never sits in memory whole.
 */
export async function storeGenerated(
  files: FileStore, key: string, filename: string, write: (out: PassThrough) => Promise<void>,
): Promise<{ key: string; filename: string; contentType: string; size: number }> {
  const out = new PassThrough();
  const stored = files.put(out, { key, filename, contentType: XLSX_TYPE, maxBytes: 200 * 1024 * 1024 });
  try {
    await write(out);
  } catch (error) {
    out.destroy(error as Error);
    await stored.catch(() => undefined);
    throw error;
  }
  const file = await stored;
  return { key: file.key, filename: file.filename, contentType: file.contentType, size: file.size };
}
