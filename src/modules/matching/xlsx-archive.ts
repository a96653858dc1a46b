import { createReadStream } from 'node:fs';
import unzipper, { type Entry } from 'unzipper';
import { refuseFile } from './file-refusal.js';

/**
 * What an XLSX (a ZIP archive) may expand to before we parse it. A 5 MB upload whose shared strings
 * inflate to 5 GB once took the server down; these caps refuse such a file before any XML is read.
 */
export interface ArchiveLimits {
  /**
   * All entries together, uncompressed. A 12 MB list of 200 000 customers expands to 90 MB, so the largest
   * upload (20 MB) fits with room to spare.
   */
  maxTotalBytes: number;
  /** A workbook has a few dozen entries; hundreds of thousands would only cost time and memory. */
  maxEntries: number;
  /**
   * Largest expansion of one entry. Spreadsheet XML deflates 5–15:1 (30:1 for very repetitive sheets); a
   * bomb of repeated bytes reaches 500–1000:1.
   */
  maxRatio: number;
  /** The ratio is only held against entries larger than this: small entries cannot hurt whatever their ratio. */
  ratioFromBytes: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalBytes: 200 * 2 ** 20,
  maxEntries: 10_000,
  maxRatio: 100,
  ratioFromBytes: 2 * 2 ** 20,
};

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * Refuses an archive that would expand past the limits, in two steps. First the central directory — what
 * the archive declares — so a bomb is refused at once without inflating a byte. Then every entry is inflated
 * and counted (nothing is kept), read the way the XLSX parser will read it (exceljs streams the local
 * entries with unzipper), because sizes in a ZIP are only claims and a local entry can be missing from the
 * directory: an entry the directory does not list, or one that inflates past the size it declares, is
 * refused as damaged, and the pass stops as soon as anything is over.
 */
export async function checkXlsxArchive(path: string, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<void> {
  let directory: unzipper.CentralDirectory;
  try {
    directory = await unzipper.Open.file(path);
  } catch (error) {
    throw damaged(path, error);
  }
  if (directory.files.length > limits.maxEntries) throw tooManyEntries(path, limits);
  let total = 0;
  const listed = new Map<string, number>();
  for (const file of directory.files) {
    checkRatio(path, file.path, file.uncompressedSize, file.compressedSize, limits);
    total += file.uncompressedSize;
    listed.set(file.path, (listed.get(file.path) ?? 0) + 1);
  }
  if (total > limits.maxTotalBytes) throw tooLarge(path, limits, total);
  await checkInflated(path, limits, listed);
}

function checkRatio(path: string, entry: string, size: number, compressed: number, limits: ArchiveLimits) {
  const ratio = size / Math.max(1, compressed);
  if (size <= limits.ratioFromBytes || ratio <= limits.maxRatio) return;
  const reason =
    `${entry} expands ${Math.round(ratio)} times (${mb(size)} MB); ` +
    `a spreadsheet expands at most ${limits.maxRatio} times: this looks like a ZIP bomb`;
  throw refuseFile('ARCHIVE_RATIO', path, reason, {
    entry,
    ratio: Math.round(ratio),
    maxRatio: limits.maxRatio,
  });
}

/** What unzipper reads from a local header; its typings leave out the uncompressed size. */
interface LocalVars {
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
}

function checkInflated(path: string, limits: ArchiveLimits, listed: Map<string, number>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const source = createReadStream(path);
    const zip = unzipper.Parse();
    let total = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) {
        // Stop reading and inflating: a bomb's next chunk could be the one that hurts.
        source.destroy();
        zip.destroy();
        reject(error);
      } else resolve();
    };
    const check = (body: () => void) => {
      try {
        body();
      } catch (error) {
        finish(error as Error);
      }
    };
    zip.on('entry', (entry: Entry) =>
      check(() => {
        const left = listed.get(entry.path) ?? 0;
        if (left === 0) throw damaged(path, `${entry.path} is not in the archive's directory`);
        listed.set(entry.path, left - 1);
        const vars = entry.vars as unknown as LocalVars;
        // Bit 3: the sizes follow the data, so the header's are zero and only the total cap applies.
        const declared = vars.flags & 0x08 ? Infinity : vars.uncompressedSize;
        if (declared !== Infinity) checkRatio(path, entry.path, declared, vars.compressedSize, limits);
        let inflated = 0;
        entry.on('data', (chunk: Buffer) =>
          check(() => {
            if (settled) return void entry.destroy();
            inflated += chunk.length;
            total += chunk.length;
            if (inflated > declared) throw damaged(path, `${entry.path} expands past its declared size`);
            if (total > limits.maxTotalBytes) throw tooLarge(path, limits);
          }),
        );
        entry.on('error', (error: Error) => finish(damaged(path, error)));
      }),
    );
    zip.on('error', (error: Error) => finish(damaged(path, error)));
    zip.on('close', () => finish());
    source.on('error', (error) => finish(damaged(path, error)));
    source.pipe(zip);
  });
}

const tooLarge = (path: string, limits: ArchiveLimits, declared?: number) =>
  refuseFile(
    'ARCHIVE_TOO_LARGE',
    path,
    `the workbook expands to more than ${mb(limits.maxTotalBytes)} MB` +
      (declared ? ` (${mb(declared)} MB)` : '') +
      '; split it, or save it as CSV',
    { limitMb: mb(limits.maxTotalBytes) },
  );

const tooManyEntries = (path: string, limits: ArchiveLimits) =>
  refuseFile('ARCHIVE_TOO_LARGE', path, `the workbook holds more than ${limits.maxEntries} parts`, {
    limitMb: mb(limits.maxTotalBytes),
  });

const damaged = (path: string, error: unknown) =>
  refuseFile(
    'ARCHIVE_DAMAGED',
    path,
    `cannot be read (not a valid XLSX: ${error instanceof Error ? error.message : String(error)})`,
  );
