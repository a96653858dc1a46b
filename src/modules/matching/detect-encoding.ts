import { open } from 'node:fs/promises';
import chardet from 'chardet';

/** The encodings a customer list is read in: what Excel and WPS write on Chinese, Taiwanese and other systems. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export type Detection =
  | {
      encoding: TextEncoding;
      /** How it was told: a byte-order mark, UTF-16's zero bytes, valid UTF-8, or Chinese character frequencies. */
      by: 'bom' | 'zero-bytes' | 'utf-8' | 'frequency';
    }
  /** A byte-order mark of an encoding we cannot decode (the runtime has no UTF-32 decoder). */
  | { unsupported: 'UTF-32LE' | 'UTF-32BE' };

/** How the ENCODING note names an encoding. */
export const ENCODING_NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  gb18030: 'GB18030',
  big5: 'Big5',
};

/**
 * Enough of the file to tell: 1 MB, so that a list whose first rows are plain ASCII still shows its Chinese
 * text to the detector. Only the sample is judged; later bytes that do not fit are reported by line.
 */
export const SNIFF_BYTES = 2 ** 20;

export async function sampleFile(path: string, bytes = SNIFF_BYTES): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

const startsWith = (sample: Uint8Array, bytes: number[]) => bytes.every((b, i) => sample[i] === b);

/**
 * The encoding of a text file from its first bytes. In order: a byte-order mark; UTF-16 without one (its
 * ASCII characters leave zero bytes on one side of each pair); UTF-8, valid or nearly; else GB18030 or Big5, which
 * both decode most byte sequences without error, so the choice goes to the one whose decoded text has the
 * frequencies of real Chinese (chardet's statistics, from ICU).
 */
export function detectEncoding(sample: Uint8Array): Detection {
  // UTF-32LE's mark begins with UTF-16LE's, so it is tested first.
  if (startsWith(sample, [0xff, 0xfe, 0, 0])) return { unsupported: 'UTF-32LE' };
  if (startsWith(sample, [0, 0, 0xfe, 0xff])) return { unsupported: 'UTF-32BE' };
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', by: 'bom' };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', by: 'bom' };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', by: 'bom' };
  const utf8 = isUtf8(sample);
  if (sample.includes(0)) {
    // UTF-8 text with a stray NUL (a damaged cell) stays UTF-8: the NUL is reported on its line.
    const zeros = sample.reduce((n, b) => n + (b === 0 ? 1 : 0), 0);
    if (!(utf8 && zeros <= sample.length / 20)) {
      const utf16 = utf16WithoutBom(sample);
      if (utf16) return { encoding: utf16, by: 'zero-bytes' };
    }
  }
  if (utf8 || mostlyUtf8(sample)) return { encoding: 'utf-8', by: 'utf-8' };
  return { encoding: chineseLegacy(sample), by: 'frequency' };
}

/**
 * UTF-8 with a few damaged bytes (a cell pasted from elsewhere) is still UTF-8: its characters are read and
 * the damage is reported on its lines. Chinese in GB18030 or Big5 read as UTF-8 gives about three
 * undecodable sequences for every character that happens to decode, so the margin is wide.
 */
function mostlyUtf8(sample: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(sample, { stream: true });
  let decoded = 0;
  let damaged = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) damaged++;
    else if (c >= 0x80) decoded++;
  }
  return decoded >= 4 * damaged;
}

function isUtf8(sample: Uint8Array): boolean {
  try {
    // stream: a character cut off at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-16 in either byte order when its decoding reads as text — line breaks, no NUL, nothing undecodable
 * (a lone surrogate) — preferring the order that yields more ASCII (commas, digits, line breaks). Binary
 * junk with zero bytes fails and is read as UTF-8, reported line by line.
 */
function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  let best: { encoding: 'utf-16le' | 'utf-16be'; ascii: number } | null = null;
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const text = new TextDecoder(encoding).decode(sample, { stream: true });
    let ascii = 0;
    let breaks = 0;
    let bad = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0 || c === 0xfffd) bad++;
      else if (c < 0x80) ascii++;
      if (c === 0x0a || c === 0x0d) breaks++;
    }
    if (bad === 0 && breaks > 0 && (!best || ascii > best.ascii)) best = { encoding, ascii };
  }
  return best?.encoding ?? null;
}

/**
 * GB18030 (mainland) or Big5 (Taiwan, Hong Kong). Only a decoding without undecodable sequences is a
 * candidate; between two, the detector's confidence decides, and GB18030 — far more common in lists made
 * on the mainland — wins a tie or when the detector recognises neither.
 */
function chineseLegacy(sample: Uint8Array): 'gb18030' | 'big5' {
  const damage = (encoding: string) => {
    const text = new TextDecoder(encoding).decode(sample, { stream: true });
    let n = 0;
    for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
    return n;
  };
  const gb = damage('gb18030');
  const big5 = damage('big5');
  if (gb !== big5) return gb < big5 ? 'gb18030' : 'big5';
  // The detector reads every byte once per encoding it knows: 64 KB of the sample is plenty.
  const matches = chardet.analyse(sample.subarray(0, 64 * 1024));
  const confidence = (name: string) => matches.find((m) => m.name === name)?.confidence ?? 0;
  return confidence('Big5') > confidence('GB18030') ? 'big5' : 'gb18030';
}
