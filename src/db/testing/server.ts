import { testConfig, type Config } from '../../config.js';
import { startServer, type RunningServer } from '../../server.js';
import type { Database } from '../database.js';
import { TEST_PASSWORD } from './factories.js';

export interface TestServer extends RunningServer {
  /** fetch against the server; JSON bodies are encoded and decoded. */
  call(path: string, init?: CallInit): Promise<{ status: number; body: any; headers: Headers }>;
  /** Signs in and returns the session cookie to pass as `cookie`. */
  login(login: string, password?: string): Promise<string>;
}

export interface CallInit {
  method?: string;
  json?: unknown;
  /** Text, or the bytes of a file (an upload in another encoding, an XLSX). */
  body?: string | Uint8Array;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
}

/** A real HTTP server on a free port over the given test database. */
export async function startTestServer(
  database: Database,
  overrides: Partial<Config> = {},
): Promise<TestServer> {
  const server = await startServer(
    testConfig({
      PORT: 0,
      FAIRSHARE_ADMIN_PASSWORD: TEST_PASSWORD,
      LOGIN_RATE_PER_MINUTE: 10_000,
      ...overrides,
    }),
    database,
  );
  const call: TestServer['call'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.cookie) headers.cookie = init.cookie;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(server.url + path, {
      method: init.method ?? (init.json !== undefined || init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body:
        init.json !== undefined
          ? JSON.stringify(init.json)
          : typeof init.body === 'string' || init.body === undefined
            ? init.body
            : new Uint8Array(init.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  };
  return {
    ...server,
    call,
    async login(login, password = TEST_PASSWORD) {
      const response = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login, password }),
      });
      if (response.status !== 200)
        throw new Error(`login ${login} failed: ${response.status} ${await response.text()}`);
      const cookie = response.headers.get('set-cookie') ?? '';
      return cookie.split(';')[0] ?? '';
    },
  };
}
