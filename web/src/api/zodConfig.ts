import { config } from 'zod/v4/core';

/**
 * Zod compiles object parsers with `new Function` unless told not to; the app's Content-Security-Policy
 * forbids eval, so even zod's probe for it is reported as a violation. The web parses plan rules (the plan
 * editor's live example checks them with the server's schema) without that speed-up. Imported first by
 * main.tsx, before any schema is built.
 */
config({ jitless: true });
