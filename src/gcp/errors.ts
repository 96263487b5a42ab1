import type { GcpErrorKind } from './types.js';

/** gRPC status codes by name (google.rpc.Code); REST errors carry the name in `error.status`. */
const GRPC_CODES = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

export type GrpcStatusName = keyof typeof GRPC_CODES;

const GRPC_NAMES = Object.fromEntries(
  Object.entries(GRPC_CODES).map(([name, code]) => [code, name]),
) as Record<number, GrpcStatusName>;

// Socket-level failures: the request may never have reached Google, so trying again is safe for reads.
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// BigQuery reports rate and quota limits as 403 with these reasons; they are not permission problems.
const BIGQUERY_QUOTA_REASONS = new Set(['rateLimitExceeded', 'quotaExceeded', 'billingTierLimitExceeded']);

export interface GcpErrorDetails {
  kind: GcpErrorKind;
  /** RPC or REST method, e.g. "JobService.ListCustomJobs" or "bigquery.jobs.query". */
  method: string;
  /** The resource the call was about (parent, name, project). */
  resource: string;
  httpStatus: number | null;
  grpcCode: number | null;
  /** The IAM permission Google says is missing, for permission errors that name one. */
  permission: string | null;
  /** Google's own message, without our prefix. */
  detail: string;
  /** How long Google asks the caller to wait before trying again (google.rpc.RetryInfo), when it says. */
  retryDelayMs?: number | null;
  cause?: unknown;
}

/**
 * Every failure of a Google call, whatever the transport said: REST errors carry HTTP codes (gaxios,
 * BigQuery), gRPC ones carry status codes. Callers decide on `kind` and `retryable`.
 */
export class GcpError extends Error {
  override name = 'GcpError';
  readonly kind: GcpErrorKind;
  readonly method: string;
  readonly resource: string;
  readonly httpStatus: number | null;
  readonly grpcCode: number | null;
  readonly permission: string | null;
  readonly detail: string;
  readonly retryDelayMs: number | null;

  constructor(details: GcpErrorDetails) {
    super(describe(details), details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.method = details.method;
    this.resource = details.resource;
    this.httpStatus = details.httpStatus;
    this.grpcCode = details.grpcCode;
    this.permission = details.permission;
    this.detail = details.detail;
    this.retryDelayMs = details.retryDelayMs ?? null;
  }

  /** The HTTP status when the call went over REST, else the gRPC status code. */
  get code(): number | null {
    return this.httpStatus ?? this.grpcCode;
  }

  get grpcStatus(): GrpcStatusName | null {
    return this.grpcCode === null ? null : (GRPC_NAMES[this.grpcCode] ?? null);
  }

  /** Transient failures and quota limits clear up on their own; everything else needs a person. */
  get retryable(): boolean {
    return this.kind === 'retryable' || this.kind === 'quota';
  }
}

function describe(d: GcpErrorDetails): string {
  const codes = [
    d.httpStatus !== null ? `HTTP ${d.httpStatus}` : null,
    d.grpcCode !== null ? GRPC_NAMES[d.grpcCode] : null,
  ]
    .filter(Boolean)
    .join(' ');
  const missing = d.permission ? `; missing permission ${d.permission}` : '';
  return `${d.method} ${d.resource}: ${d.detail}${codes ? ` (${codes}${missing})` : missing ? ` (${missing.slice(2)})` : ''}`;
}

interface ParsedBody {
  message: string | null;
  statusName: string | null;
  httpCode: number | null;
  permission: string | null;
  reasons: string[];
  retryDelayMs: number | null;
}

/** Turns anything a Google client threw into a GcpError naming the method and resource. */
export function toGcpError(err: unknown, method: string, resource: string): GcpError {
  if (err instanceof GcpError) return err;
  const e = (err ?? {}) as Record<string, unknown>;
  const rawMessage = typeof e.message === 'string' ? e.message : String(err);
  const body = parseErrorBody(e, rawMessage);

  const networkCode = typeof e.code === 'string' ? e.code : null;
  if (networkCode && NETWORK_ERROR_CODES.has(networkCode)) {
    return new GcpError({
      kind: 'retryable',
      method,
      resource,
      httpStatus: null,
      grpcCode: null,
      permission: null,
      detail: `network error ${networkCode}: ${firstLine(rawMessage)}`,
      cause: err,
    });
  }

  const httpStatus = pickHttpStatus(e, body);
  const grpcCode = pickGrpcCode(e, body, httpStatus);
  const reasons = [...body.reasons, ...errorReasons(e)];
  const detail = body.message ?? firstLine(rawMessage);
  const kind = classify(httpStatus, grpcCode, reasons, rawMessage);
  const permission = kind === 'permission' ? (body.permission ?? permissionFromText(detail)) : null;
  return new GcpError({
    kind,
    method,
    resource,
    httpStatus,
    grpcCode,
    permission,
    detail,
    retryDelayMs: body.retryDelayMs,
    cause: err,
  });
}

function classify(
  httpStatus: number | null,
  grpcCode: number | null,
  reasons: string[],
  message: string,
): GcpErrorKind {
  if (reasons.some((r) => BIGQUERY_QUOTA_REASONS.has(r))) return 'quota';
  if (grpcCode !== null) {
    switch (GRPC_NAMES[grpcCode]) {
      case 'NOT_FOUND':
        return 'not-found';
      case 'PERMISSION_DENIED':
      case 'UNAUTHENTICATED':
        return 'permission';
      case 'RESOURCE_EXHAUSTED':
        return 'quota';
      case 'INVALID_ARGUMENT':
      case 'FAILED_PRECONDITION':
      case 'OUT_OF_RANGE':
      case 'ALREADY_EXISTS':
        return 'invalid';
      case 'UNAVAILABLE':
      case 'DEADLINE_EXCEEDED':
      case 'INTERNAL':
      case 'ABORTED':
        return 'retryable';
      default:
        break;
    }
  }
  if (httpStatus !== null) {
    if (httpStatus === 404) return 'not-found';
    if (httpStatus === 401 || httpStatus === 403) return 'permission';
    if (httpStatus === 429) return 'quota';
    if (httpStatus === 408 || httpStatus >= 500) return 'retryable';
    if (httpStatus >= 400) return 'invalid';
  }
  if (/timeout|timed out|socket hang up/i.test(message)) return 'retryable';
  return 'other';
}

function pickHttpStatus(e: Record<string, unknown>, body: ParsedBody): number | null {
  // gaxios keeps the HTTP status in `status` and `response.status`; BigQuery's ApiError in `code`.
  const response = e.response as { status?: unknown; statusCode?: unknown } | undefined;
  for (const candidate of [response?.status, response?.statusCode, e.status]) {
    if (typeof candidate === 'number' && candidate >= 100) return candidate;
  }
  if (typeof e.code === 'number' && e.code >= 100) return e.code;
  return body.httpCode;
}

function pickGrpcCode(
  e: Record<string, unknown>,
  body: ParsedBody,
  httpStatus: number | null,
): number | null {
  if (body.statusName && body.statusName in GRPC_CODES) return GRPC_CODES[body.statusName as GrpcStatusName];
  // gax errors (gRPC and its own timeouts) carry a small gRPC code in `code`.
  if (typeof e.code === 'number' && e.code >= 0 && e.code <= 16 && httpStatus === null) return e.code;
  return null;
}

/** Google's REST error body `{"error":{code,message,status,details}}`, wherever the client put it. */
function parseErrorBody(e: Record<string, unknown>, rawMessage: string): ParsedBody {
  const parsed: ParsedBody = {
    message: null,
    statusName: null,
    httpCode: null,
    permission: null,
    reasons: [],
    retryDelayMs: null,
  };
  const candidates: unknown[] = [];
  const response = e.response as { data?: unknown; body?: unknown } | undefined;
  if (response?.data !== undefined) candidates.push(response.data);
  if (response?.body !== undefined) candidates.push(response.body);
  candidates.push(rawMessage);
  for (const candidate of candidates) {
    const json = typeof candidate === 'string' ? tryJson(candidate) : candidate;
    const error = (json as { error?: unknown } | null)?.error;
    if (!error || typeof error !== 'object') continue;
    const err = error as Record<string, unknown>;
    parsed.message = typeof err.message === 'string' ? err.message : null;
    parsed.statusName = typeof err.status === 'string' ? err.status : null;
    parsed.httpCode = typeof err.code === 'number' ? err.code : null;
    for (const detail of Array.isArray(err.details) ? err.details : []) {
      const d = detail as { reason?: unknown; metadata?: Record<string, unknown> };
      if (typeof d.reason === 'string') parsed.reasons.push(d.reason);
      const permission = d.metadata?.permission;
      if (typeof permission === 'string') parsed.permission = permission;
      parsed.retryDelayMs ??= retryDelayOf(detail);
    }
    for (const item of Array.isArray(err.errors) ? err.errors : []) {
      const reason = (item as { reason?: unknown }).reason;
      if (typeof reason === 'string') parsed.reasons.push(reason);
    }
    return parsed;
  }
  // gax errors decoded from gRPC or REST keep ErrorInfo on the error object itself.
  if (typeof e.reason === 'string') parsed.reasons.push(e.reason);
  const metadata = e.errorInfoMetadata as Record<string, unknown> | undefined;
  if (typeof metadata?.permission === 'string') parsed.permission = metadata.permission;
  for (const detail of Array.isArray(e.statusDetails) ? e.statusDetails : []) {
    parsed.retryDelayMs ??= retryDelayOf(detail);
  }
  return parsed;
}

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * google.rpc.RetryInfo's retry_delay in ms: in REST JSON `{"@type": "…RetryInfo", "retryDelay": "2.5s"}`, as a
 * decoded message `{retryDelay: {seconds, nanos}}`. Null for any other detail.
 */
export function retryDelayOf(detail: unknown): number | null {
  if (!detail || typeof detail !== 'object') return null;
  const d = detail as { '@type'?: unknown; retryDelay?: unknown };
  if (d['@type'] !== undefined && d['@type'] !== RETRY_INFO_TYPE) return null;
  const delay = d.retryDelay;
  if (typeof delay === 'string') {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(delay);
    return match ? Math.round(Number(match[1]) * 1000) : null;
  }
  if (delay && typeof delay === 'object') {
    const { seconds, nanos } = delay as { seconds?: unknown; nanos?: unknown };
    // Decoded messages hold int64 seconds as a Long: its text is the number.
    const ms = Number(String(seconds ?? 0)) * 1000 + Number(nanos ?? 0) / 1e6;
    return Number.isFinite(ms) && ms >= 0 ? Math.round(ms) : null;
  }
  return null;
}

function errorReasons(e: Record<string, unknown>): string[] {
  const errors = Array.isArray(e.errors) ? e.errors : [];
  return errors
    .map((item) => (item as { reason?: unknown }).reason)
    .filter((r): r is string => typeof r === 'string');
}

/**
 * Google names the permission in prose when ErrorInfo is absent: "Permission 'aiplatform.customJobs.list'
 * denied on resource …" (Vertex AI) or "User does not have bigquery.jobs.create permission in project …".
 */
export function permissionFromText(text: string): string | null {
  const quoted = /permission ['"`]?([a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+){2,})['"`]?/i.exec(text);
  if (quoted?.[1]) return quoted[1];
  const before = /([a-z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+){2,}) permission/.exec(text);
  return before?.[1] ?? null;
}

function tryJson(text: string): unknown {
  const start = text.indexOf('{');
  if (start < 0) return null;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return null;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 500) ?? '';
}
