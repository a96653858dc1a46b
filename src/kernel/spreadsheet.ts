/**
 * Cells of files the product writes (CSV, XLSX) for people to open in a spreadsheet. A cell that begins
 * with = + - @, a tab or a carriage return is a formula to Excel and its kin, so a customer named
 * `=HYPERLINK(…)` would run when the file is opened (CSV injection, OWASP): such cells are written behind a
 * single quote, which spreadsheets show as text and do not evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field: neutralised, then quoted by RFC 4180 when it holds commas, quotes, line breaks or edge spaces. */
export function csvField(value: string): string {
  const safe = neutralizeCell(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
