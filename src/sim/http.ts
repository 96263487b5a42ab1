// Request and response plumbing shared by every route: JSON bodies, and errors in Google's own shape, so the
// client libraries map them to the same error codes they would see from Google.

import type { IncomingMessage, ServerResponse } from 'node:http';

/** Canonical status names Google puts next to each HTTP code. */
const STATUS_BY_HTTP_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** BigQuery also lists a machine-readable reason per error (errors[].reason). */
const BIGQUERY_REASON_BY_HTTP_CODE: Record<number, string> = {
  400: 'invalid',
  403: 'accessDenied',
  404: 'notFound',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

export class GoogleApiError extends Error {
  /** Canonical status name, e.g. NOT_FOUND or FAILED_PRECONDITION (which shares HTTP 400 with others). */
  readonly status: string;
  /** BigQuery's errors[].reason, e.g. invalidQuery. */
  readonly reason: string | undefined;
  /** google.rpc.Status details (RetryInfo, ErrorInfo…), each with its "@type". */
  readonly details: Record<string, unknown>[];

  constructor(
    readonly httpCode: number,
    message: string,
    options: { status?: string; reason?: string; details?: Record<string, unknown>[] } = {},
  ) {
    super(message);
    this.status = options.status ?? STATUS_BY_HTTP_CODE[httpCode] ?? 'UNKNOWN';
    this.reason = options.reason;
    this.details = options.details ?? [];
  }
}

export const notFound = (what: string) => new GoogleApiError(404, `${what} not found.`);
export const invalidArgument = (message: string) => new GoogleApiError(400, message);

export function errorBody(error: GoogleApiError, withReasons: boolean): unknown {
  const body: Record<string, unknown> = {
    code: error.httpCode,
    message: error.message,
    status: error.status,
  };
  if (error.details.length > 0) body.details = error.details;
  if (withReasons) {
    const reason = error.reason ?? BIGQUERY_REASON_BY_HTTP_CODE[error.httpCode] ?? 'invalid';
    body.errors = [{ message: error.message, domain: 'global', reason }];
  }
  return { error: body };
}

export interface SimRequest {
  method: string;
  /** Decoded path without the query string. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

export interface SimResponse {
  status?: number;
  body: unknown;
}

export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidArgument('Invalid JSON payload received.');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The request body as a plain object (JSON bodies that are not objects are rejected like Google does). */
export function bodyObject(request: SimRequest): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidArgument('Invalid JSON payload received. Expected an object.');
  }
  return body as Record<string, unknown>;
}
