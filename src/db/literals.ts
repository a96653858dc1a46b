import pg from 'pg';

/** A column value as an SQL literal: text as given (uuids, JSON already as text), anything else as JSON. */
export const literal = (value: unknown): string =>
  value === null || value === undefined
    ? 'null'
    : pg.escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));

/**
 * An insert with its values written in (`pg.escapeLiteral`), for a statement sent without parameters (see
 * `sendWithCommit`). PostgreSQL reads each literal as its column's type.
 */
export const insertLiterals = <T>(
  table: string,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
) =>
  `insert into ${table} (${columns.join(', ')}) values ${rows
    .map((row) => `(${columns.map((c) => literal(row[c])).join(', ')})`)
    .join(', ')}`;
