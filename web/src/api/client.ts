/** A tiny typed fetch wrapper: JSON in and out, the session cookie, the UI language, and one error type. */

export interface FieldProblem {
  field: string;
  problem: string;
  message: string;
}

/** The server's error body, `{ error: { code, message, details } }`, as a thrown value. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** From `details.retryAfterSeconds` or the Retry-After header. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fields(): FieldProblem[] {
    const fields = this.details.fields;
    return Array.isArray(fields) ? fields.filter(isFieldProblem) : [];
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === 'string' && typeof v.problem === 'string' && typeof v.message === 'string';
}

export const isUnauthenticated = (error: unknown): boolean =>
  error instanceof ApiError && error.code === 'UNAUTHENTICATED';

let language = 'en';
/** The language sent as Accept-Language; set by the i18n module whenever the UI language changes. */
export function setRequestLanguage(next: string) {
  language = next;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `/path?a=1`, leaving out empty values so filters that are not set are not sent. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A body sent as it is (an uploaded file) rather than as JSON. */
interface RawBody {
  raw: Blob;
  contentType: string;
}

async function request<T>(method: string, path: string, body?: unknown, raw?: RawBody): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (raw) headers['Content-Type'] = raw.contentType;
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ? raw.raw : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (a proxy's HTML error page, say): handled below by status
  }
  if (response.ok) return parsed as T;
  throw toApiError(response, parsed);
}

function toApiError(response: Response, parsed: unknown): ApiError {
  const error = (parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)
    ?.error;
  const details =
    typeof error?.details === 'object' && error.details !== null
      ? (error.details as Record<string, unknown>)
      : {};
  const header = Number(response.headers.get('retry-after'));
  const retry =
    typeof details.retryAfterSeconds === 'number'
      ? details.retryAfterSeconds
      : Number.isFinite(header) && header > 0
        ? header
        : undefined;
  return new ApiError(
    response.status,
    typeof error?.code === 'string' ? error.code : response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR',
    typeof error?.message === 'string' ? error.message : response.statusText,
    details,
    retry,
  );
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** POSTs a file as the raw request body (the server reads CSV or XLSX bytes, not multipart). */
  upload: <T>(path: string, file: Blob, contentType: string) =>
    request<T>('POST', path, undefined, { raw: file, contentType }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
