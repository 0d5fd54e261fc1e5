import iconv from 'iconv-lite';
import { isAscii } from 'node:buffer';
import { ValidationError } from '../errors/domain-error.js';

/** The encodings a CSV arrives in: what Excel, WPS and "Unicode text" exports on Chinese Windows save. */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * How many bytes from the first non-ASCII byte on are tried as strict UTF-8 before choosing. GBK text
 * that happens to be valid UTF-8 for this long does not occur in practice; a few Chinese words can
 * (the classic "联通"), which is why the window is not a handful of bytes.
 */
export const SNIFF_BYTES = 64 * 1024;

const BOMS: { bytes: number[]; encoding: TextEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

interface Decoder {
  write(bytes: Buffer): string;
  end(): string;
}

/**
 * Decodes a text file's bytes as they stream in. A byte order mark decides first (UTF-8, UTF-16LE,
 * UTF-16BE) and is dropped. Without one, ASCII passes through as is (it reads the same in UTF-8 and
 * GB18030); from the first non-ASCII byte on, up to SNIFF_BYTES are tried as strict UTF-8 and the file
 * is read as UTF-8 if they are valid, else as GB18030 (a superset of GBK, what Excel on Chinese Windows
 * saves as "CSV"). A character split across chunks is decoded whole. A file chosen as UTF-8 that turns
 * invalid later, or text holding NUL characters (a binary file), is rejected on field `file`.
 */
export async function* decodeText(source: AsyncIterable<Buffer | string>, onEncoding?: (encoding: TextEncoding) => void): AsyncGenerator<string> {
  const sut = new StreamingTextDecoder(onEncoding);
  for await (const chunk of source) {
    const text = sut.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    if (text) yield text;
  }
  const rest = sut.end();
  if (rest) yield rest;
}

class StreamingTextDecoder {
  private decoder: Decoder | undefined;
  /** Bytes held back: the first ones until a BOM can be told, then those of the sniffing window. */
  private held: Buffer[] = [];
  private heldLength = 0;
  private bomChecked = false;
  private sniffing = false;
  private highSurrogate = '';
  /** Bytes seen so far, to say where invalid UTF-8 starts. */
  private offset = 0;

  constructor(private readonly onEncoding?: (encoding: TextEncoding) => void) {}

  write(chunk: Buffer): string {
    if (this.decoder) return this.decode(chunk);
    this.hold(chunk);
    if (!this.bomChecked) {
      if (this.heldLength < 3) return '';
      const head = this.take();
      this.bomChecked = true;
      const bom = BOMS.find((b) => b.bytes.every((byte, i) => head[i] === byte));
      if (bom) {
        this.choose(bom.encoding);
        this.offset += bom.bytes.length;
        return this.decode(head.subarray(bom.bytes.length));
      }
      this.hold(head);
    }
    let out = '';
    if (!this.sniffing) {
      const bytes = this.take();
      const firstHigh = isAscii(bytes) ? -1 : bytes.findIndex((b) => b >= 0x80);
      if (firstHigh === -1) {
        this.offset += bytes.length;
        return this.checked(bytes.toString('latin1'));
      }
      out = this.checked(bytes.subarray(0, firstHigh).toString('latin1'));
      this.offset += firstHigh;
      this.sniffing = true;
      this.hold(bytes.subarray(firstHigh));
    }
    if (this.heldLength < SNIFF_BYTES) return out;
    return out + this.decideAndDecode(false);
  }

  end(): string {
    const out = this.finish();
    const rest = this.highSurrogate;
    this.highSurrogate = '';
    return out + rest;
  }

  private finish(): string {
    let out = '';
    if (!this.decoder) {
      if (!this.bomChecked) {
        // fewer than 3 bytes in all: a 2-byte BOM may still be there
        const head = this.take();
        this.bomChecked = true;
        const bom = BOMS.find((b) => b.bytes.length <= head.length && b.bytes.every((byte, i) => head[i] === byte));
        if (bom) this.choose(bom.encoding);
        else {
          this.sniffing = true;
          this.hold(head);
        }
        if (bom) this.hold(head.subarray(bom.bytes.length));
      }
      if (!this.decoder) return this.decideAndDecode(true);
      out = this.decode(this.take());
    }
    try {
      return out + this.checked(this.decoder!.end());
    } catch (error) {
      throw this.invalidUtf8(error);
    }
  }

  private decideAndDecode(atEnd: boolean): string {
    const window = this.take();
    let valid = true;
    try {
      const sniffed = window.subarray(0, SNIFF_BYTES);
      new TextDecoder('utf-8', { fatal: true }).decode(sniffed, { stream: !atEnd || sniffed.length < window.length });
    } catch {
      valid = false;
    }
    this.choose(valid ? 'utf-8' : 'gb18030');
    const out = this.decode(window);
    return atEnd ? out + this.checked(this.decoder!.end()) : out;
  }

  private choose(encoding: TextEncoding): void {
    this.onEncoding?.(encoding);
    if (encoding === 'utf-8') {
      const utf8 = new TextDecoder('utf-8', { fatal: true });
      this.decoder = { write: (bytes) => utf8.decode(bytes, { stream: true }), end: () => utf8.decode() };
    } else {
      const other = iconv.getDecoder(encoding);
      this.decoder = { write: (bytes) => other.write(bytes), end: () => other.end() ?? '' };
    }
  }

  private decode(bytes: Buffer): string {
    let text: string;
    try {
      text = this.decoder!.write(bytes);
    } catch (error) {
      throw this.invalidUtf8(error);
    }
    this.offset += bytes.length;
    return this.checked(text);
  }

  /**
   * Rejects binary data, and holds back a high surrogate that ends the text until its low half comes
   * (a UTF-16 decoder may split 𠮷 across chunks; a lone half would turn into U+FFFD downstream).
   */
  private checked(decoded: string): string {
    let text = this.highSurrogate + decoded;
    this.highSurrogate = '';
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.highSurrogate = text.slice(-1);
      text = text.slice(0, -1);
    }
    if (text.includes('\u0000')) throw ValidationError.of('file', 'import.file.binary');
    return text;
  }

  private invalidUtf8(error: unknown): unknown {
    if ((error as { code?: unknown }).code !== 'ERR_ENCODING_INVALID_ENCODED_DATA') return error;
    return ValidationError.of('file', 'import.file.not-utf8', { offset: this.offset });
  }

  private hold(bytes: Buffer): void {
    if (!bytes.length) return;
    this.held.push(bytes);
    this.heldLength += bytes.length;
  }

  private take(): Buffer {
    const bytes = this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held);
    this.held = [];
    this.heldLength = 0;
    return bytes;
  }
}
