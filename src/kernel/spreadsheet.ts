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

/** RFC 4180 quoting alone, for files read by programs rather than people (test inputs). */
export function csvQuote(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV field for people: neutralised, then quoted by RFC 4180 where needed. */
export function csvField(value: string): string {
  return csvQuote(neutralizeCell(value));
}
