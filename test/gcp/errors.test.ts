import { describe, expect, it } from 'vitest';
import { GcpError, permissionFromText, toGcpError } from '../../src/gcp/errors.js';

const restBody = (code: number, status: string, message: string, details: unknown[] = []) =>
  JSON.stringify({ error: { code, status, message, details } });

/** What gaxios throws for a non-2xx REST answer: the HTTP status, and the body as the message. */
const gaxiosError = (status: number, body: string) =>
  Object.assign(new Error(body), { status, code: status });

describe('toGcpError', () => {
  it.each<[string, unknown, Partial<GcpError>]>([
    [
      'REST 404',
      gaxiosError(404, restBody(404, 'NOT_FOUND', 'Endpoint x not found.')),
      { kind: 'not-found', httpStatus: 404, grpcCode: 5, detail: 'Endpoint x not found.' },
    ],
    [
      'REST 403 with ErrorInfo',
      gaxiosError(
        403,
        restBody(403, 'PERMISSION_DENIED', 'denied', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            metadata: { permission: 'aiplatform.endpoints.list' },
          },
        ]),
      ),
      { kind: 'permission', permission: 'aiplatform.endpoints.list' },
    ],
    [
      'REST 403 naming the permission in prose',
      gaxiosError(
        403,
        restBody(
          403,
          'PERMISSION_DENIED',
          "Permission 'aiplatform.customJobs.list' denied on resource '//aiplatform.googleapis.com/projects/p/locations/r' (or it may not exist).",
        ),
      ),
      { kind: 'permission', permission: 'aiplatform.customJobs.list' },
    ],
    [
      'REST 429',
      gaxiosError(429, restBody(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded')),
      { kind: 'quota', httpStatus: 429 },
    ],
    ['REST 503', gaxiosError(503, restBody(503, 'UNAVAILABLE', 'try later')), { kind: 'retryable' }],
    [
      'REST 400 FAILED_PRECONDITION',
      gaxiosError(400, restBody(400, 'FAILED_PRECONDITION', 'Cannot cancel')),
      { kind: 'invalid', grpcCode: 9 },
    ],
    [
      'REST 500 without a body',
      gaxiosError(500, 'Internal Server Error'),
      { kind: 'retryable', httpStatus: 500, grpcCode: null },
    ],
    [
      'gRPC UNAVAILABLE',
      Object.assign(new Error('14 UNAVAILABLE: connection reset'), { code: 14 }),
      { kind: 'retryable', httpStatus: null, grpcCode: 14 },
    ],
    [
      'gRPC PERMISSION_DENIED with ErrorInfo',
      Object.assign(new Error('7 PERMISSION_DENIED'), {
        code: 7,
        errorInfoMetadata: { permission: 'monitoring.timeSeries.list' },
      }),
      { kind: 'permission', permission: 'monitoring.timeSeries.list' },
    ],
    ['gRPC NOT_FOUND', Object.assign(new Error('5 NOT_FOUND'), { code: 5 }), { kind: 'not-found' }],
    ['gax deadline', Object.assign(new Error('Total timeout exceeded'), { code: 4 }), { kind: 'retryable' }],
    [
      'BigQuery rate limit (403)',
      Object.assign(new Error('Exceeded rate limits'), {
        code: 403,
        errors: [{ reason: 'rateLimitExceeded' }],
      }),
      { kind: 'quota' },
    ],
    [
      'BigQuery access denied',
      Object.assign(
        new Error('Access Denied: User does not have bigquery.jobs.create permission in project p.'),
        { code: 403, errors: [{ reason: 'accessDenied' }] },
      ),
      { kind: 'permission', permission: 'bigquery.jobs.create' },
    ],
    [
      'BigQuery bytes limit',
      Object.assign(new Error('Query exceeded limit for bytes billed'), {
        code: 400,
        errors: [{ reason: 'bytesBilledLimitExceeded' }],
      }),
      { kind: 'invalid' },
    ],
    [
      'socket reset',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      { kind: 'retryable' },
    ],
    ['something else', new Error('boom'), { kind: 'other' }],
  ])('%s', (_label, thrown, expected) => {
    const error = toGcpError(thrown, 'Svc.Method', 'projects/p');
    expect(error).toBeInstanceOf(GcpError);
    expect(error).toMatchObject({ method: 'Svc.Method', resource: 'projects/p', ...expected });
  });

  it('says which method, resource, codes and missing permission in its message', () => {
    const error = toGcpError(
      gaxiosError(403, restBody(403, 'PERMISSION_DENIED', "Permission 'aiplatform.customJobs.list' denied")),
      'JobService.ListCustomJobs',
      'projects/p/locations/r',
    );
    expect(error.message).toBe(
      "JobService.ListCustomJobs projects/p/locations/r: Permission 'aiplatform.customJobs.list' denied (HTTP 403 PERMISSION_DENIED; missing permission aiplatform.customJobs.list)",
    );
    expect(error.retryable).toBe(false);
    expect(error.code).toBe(403);
  });

  it('finds permissions in Google prose', () => {
    expect(
      permissionFromText('Permission monitoring.timeSeries.list denied (or the resource may not exist).'),
    ).toBe('monitoring.timeSeries.list');
    expect(permissionFromText('The caller does not have permission')).toBeNull();
  });
});
