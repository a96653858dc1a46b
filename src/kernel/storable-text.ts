/**
 * What PostgreSQL text and jsonb cannot hold: NUL (`\u0000`), and a UTF-16 surrogate without its partner
 * (not a character; the drivers would turn it into U+FFFD or refuse the statement). A write that carries
 * one fails every time it is retried, so text from outside is checked or cleaned before it is stored.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Index of the first character the database cannot store, or -1. */
export function unstorableAt(text: string): number {
  return text.search(UNSTORABLE);
}

/** The text with every unstorable character replaced by U+FFFD, so a message can still say what it was about. */
export function storableText(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(UNSTORABLE_ALL, '\ufffd') : text;
}
