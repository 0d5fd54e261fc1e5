// The backup archive: one tar file (tar-stream) whose entries are streamed in and out, never held
// in memory. Every entry's size and SHA-256 go into manifest.json, the last entry; reading checks
// them all before anything is restored.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import tar from 'tar-stream';

export const FORMAT = 'jiaolian-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST = 'manifest.json';

export class ArchiveError extends Error {}

/** Writes entries one after the other into `file`, recording each one's size and SHA-256. */
export class ArchiveWriter {
  constructor(file) {
    this.parts = [];
    this.pack = tar.pack();
    this.output = createWriteStream(file, { flags: 'wx' });
    this.done = new Promise((resolve, reject) => {
      this.output.once('finish', resolve);
      this.output.once('error', reject);
      this.pack.once('error', reject);
    });
    this.done.catch(() => undefined);
    this.pack.pipe(this.output);
  }

  /**
   * Adds an entry of exactly `size` bytes from `source` (an async iterable of chunks). A source that
   * ends early is padded with zeros and one that runs on is cut at `size` (a file that changed while
   * it was read: what PostgreSQL's WAL replay repairs). Returns the part's { path, size, sha256 }.
   */
  async add(name, size, source, { mode = 0o600, exact = false } = {}) {
    const hash = createHash('sha256');
    let written = 0;
    let entryError;
    const entry = this.pack.entry({ name, size, mode, mtime: new Date() }, (error) => { entryError = error; });
    const finished = new Promise((resolve, reject) => {
      entry.once('close', resolve);
      entry.once('error', reject);
    });
    const write = async (chunk) => {
      hash.update(chunk);
      written += chunk.length;
      if (!entry.write(chunk)) await once(entry, 'drain');
    };
    for await (const raw of source) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      if (written + chunk.length > size) {
        if (exact) throw new ArchiveError(`${name} has more than the ${size} bytes it announced`);
        await write(chunk.subarray(0, size - written));
        break;
      }
      await write(chunk);
    }
    if (written < size) {
      if (exact) throw new ArchiveError(`${name} ended after ${written} of ${size} bytes`);
      const zeros = Buffer.alloc(64 * 1024);
      while (written < size) await write(zeros.subarray(0, Math.min(zeros.length, size - written)));
    }
    entry.end();
    await finished;
    if (entryError) throw entryError;
    const part = { path: name, size, sha256: hash.digest('hex') };
    this.parts.push(part);
    return part;
  }

  /** Adds a small in-memory entry. */
  addBuffer(name, buffer, options) {
    return this.add(name, buffer.length, [buffer], { ...options, exact: true });
  }

  /** Writes the manifest (with every part) as the last entry and closes the file. */
  async finish(manifest) {
    const body = Buffer.from(JSON.stringify({ ...manifest, parts: this.parts }, null, 2));
    const entry = this.pack.entry({ name: MANIFEST, size: body.length, mode: 0o644, mtime: new Date() });
    entry.end(body);
    await once(entry, 'close');
    this.pack.finalize();
    await this.done;
  }

  /** Stops writing after a failure (the caller removes the file). */
  abort() {
    this.pack.destroy();
    this.output.destroy();
  }
}

/**
 * Reads every entry of `file` in order, calling `onEntry(name, stream)` for each but the manifest;
 * the callback must consume the stream. Returns the manifest (undefined when there is none) and
 * each entry's { size, sha256 } as read.
 */
export async function readArchive(file, onEntry = drain) {
  const extract = tar.extract();
  const seen = new Map();
  let manifestText;
  const input = createReadStream(file);
  input.once('error', (error) => extract.destroy(error));
  input.pipe(extract);
  for await (const entry of extract) {
    const name = entry.header.name;
    if (entry.header.type !== 'file') throw new ArchiveError(`unexpected ${entry.header.type} entry ${name}`);
    if (seen.has(name) || name === MANIFEST && manifestText !== undefined) throw new ArchiveError(`the entry ${name} occurs twice`);
    const hash = createHash('sha256');
    let size = 0;
    const chunks = [];
    const counted = (async function* counting() {
      for await (const chunk of entry) {
        hash.update(chunk);
        size += chunk.length;
        if (name === MANIFEST) chunks.push(chunk);
        yield chunk;
      }
    })();
    if (name === MANIFEST) {
      await drain(name, counted);
      manifestText = Buffer.concat(chunks).toString('utf8');
      continue;
    }
    await onEntry(name, counted);
    // whatever the callback left unread is still counted, so the digest covers the whole entry
    for await (const chunk of counted) void chunk;
    seen.set(name, { size, sha256: hash.digest('hex') });
  }
  let manifest;
  if (manifestText !== undefined) {
    try { manifest = JSON.parse(manifestText); } catch { throw new ArchiveError(`${MANIFEST} is not valid JSON`); }
  }
  return { manifest, seen };
}

async function drain(_name, stream) {
  for await (const chunk of stream) void chunk;
}

/**
 * Reads the whole archive and checks it against its manifest: the format, and that every part is
 * there with its size and SHA-256 and nothing else is. Returns the manifest; throws ArchiveError
 * naming the first problem.
 */
export async function verifyArchive(file) {
  let result;
  try {
    result = await readArchive(file);
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`it is not a readable tar archive (${error.message})`);
  }
  const { manifest, seen } = result;
  if (!manifest) throw new ArchiveError(`it has no ${MANIFEST} (not a Jiaolian backup, or cut short)`);
  if (manifest.format !== FORMAT) throw new ArchiveError(`${MANIFEST} is not a Jiaolian backup manifest`);
  if (manifest.formatVersion !== FORMAT_VERSION) throw new ArchiveError(`backup format version ${manifest.formatVersion} is not supported (this version reads ${FORMAT_VERSION})`);
  const expected = new Map((manifest.parts ?? []).map((part) => [part.path, part]));
  for (const [name, part] of expected) {
    const actual = seen.get(name);
    if (!actual) throw new ArchiveError(`the part ${name} is missing`);
    if (actual.size !== part.size) throw new ArchiveError(`the part ${name} has ${actual.size} bytes, the manifest says ${part.size}`);
    if (actual.sha256 !== part.sha256) throw new ArchiveError(`the part ${name} does not match its SHA-256 digest in the manifest (damaged)`);
  }
  for (const name of seen.keys()) {
    if (!expected.has(name)) throw new ArchiveError(`the entry ${name} is not in the manifest`);
  }
  return manifest;
}
