// BigQuery v2, as far as @google-cloud/bigquery's query() uses it: jobs.query (POST …/queries), then
// jobs.getQueryResults (GET …/queries/{jobId}) for further pages; jobs.insert and jobs.get for callers that
// create the query job explicitly. The simulator cannot run SQL: it recognises the billing-export query by
// the contract in docs/simulator.md (export table, @start_day/@end_day/@services, label_<key> aliases) and
// answers it from the billing ledger. Anything else is an invalidQuery error.

import { billingQueryAnswer } from './bigqueryBilling.js';
import { asksLatestExportTime, latestExportTimeAnswer } from './bigqueryExportTime.js';
import { dayParameter, invalidQuery, parseParameters } from './bigqueryParameters.js';
import type { SchemaField } from './bigquerySchema.js';
import type { BillingLedger } from './billing.js';
import { bodyObject, GoogleApiError, notFound } from './http.js';
import { paginate, queryInt } from './pagination.js';
import { hashString } from './random.js';
import { type Route, route } from './router.js';

const MIB = 1024 * 1024;
/** BigQuery bills at least 10 MB for every query that reads a table. */
const MINIMUM_BILLED_BYTES = 10 * MIB;
const DEFAULT_PAGE_ROWS = 20_000;

interface QueryResult {
  jobId: string;
  projectId: string;
  location: string;
  query: string;
  schema: SchemaField[];
  rows: { f: { v: string | null }[] }[];
  bytesProcessed: number;
  bytesBilled: number;
  createdMs: number;
  dryRun: boolean;
}

export function bigQueryRoutes(ledger: BillingLedger): Route[] {
  const results = new Map<string, QueryResult>();
  const base = '/bigquery/v2/projects/{project}';
  return [
    route('POST', `${base}/queries`, (request, params) => {
      const body = bodyObject(request);
      const result = runQuery(ledger, {
        projectId: params.project ?? '',
        location: typeof body.location === 'string' ? body.location : 'US',
        query: body.query,
        parameters: body.queryParameters,
        maximumBytesBilled: body.maximumBytesBilled,
        useLegacySql: body.useLegacySql,
        dryRun: body.dryRun === true,
      });
      results.set(result.jobId, result);
      return {
        body: queryResponse(
          result,
          typeof body.maxResults === 'number' ? body.maxResults : undefined,
          undefined,
        ),
      };
    }),
    route('GET', `${base}/queries/{jobId}`, (request, params) => {
      const result = results.get(params.jobId ?? '');
      if (!result) throw notFound(`Not found: Job ${params.project}:${params.jobId}`);
      const response = queryResponse(
        result,
        queryInt(request.query, 'maxResults'),
        request.query.get('pageToken') ?? undefined,
      );
      return { body: { ...response, kind: 'bigquery#getQueryResultsResponse', etag: etagOf(result) } };
    }),
    route('POST', `${base}/jobs`, (request, params) => {
      const body = bodyObject(request);
      const reference = (body.jobReference ?? {}) as Record<string, unknown>;
      const configuration = (body.configuration ?? {}) as Record<string, unknown>;
      const queryConfig = (configuration.query ?? {}) as Record<string, unknown>;
      const result = runQuery(ledger, {
        projectId: params.project ?? '',
        location: typeof reference.location === 'string' ? reference.location : 'US',
        query: queryConfig.query,
        parameters: queryConfig.queryParameters,
        maximumBytesBilled: queryConfig.maximumBytesBilled,
        useLegacySql: queryConfig.useLegacySql,
        dryRun: configuration.dryRun === true,
        jobId: typeof reference.jobId === 'string' ? reference.jobId : undefined,
      });
      results.set(result.jobId, result);
      return { body: jobResource(result, configuration) };
    }),
    route('GET', `${base}/jobs/{jobId}`, (_request, params) => {
      const result = results.get(params.jobId ?? '');
      if (!result) throw notFound(`Not found: Job ${params.project}:${params.jobId}`);
      return { body: jobResource(result, { query: { query: result.query, useLegacySql: false } }) };
    }),
  ];
}

interface QueryInput {
  projectId: string;
  location: string;
  query: unknown;
  parameters: unknown;
  maximumBytesBilled: unknown;
  useLegacySql: unknown;
  dryRun: boolean;
  jobId?: string | undefined;
}

function runQuery(ledger: BillingLedger, input: QueryInput): QueryResult {
  if (typeof input.query !== 'string' || input.query.trim() === '') throw invalidQuery('Query is empty.');
  const sql = input.query;
  if (input.useLegacySql === true) throw invalidQuery('The billing export query must use standard SQL.');
  // The export table's name is the customer's choice; the standard one or a query shaped like the export query
  // (a `project.dataset.table` and the contract's sku_description column) is recognised.
  const standardTable = /\bgcp_billing_export_(?:resource_)?v1_\w+/i.test(sql);
  const anyTable = /`[\w-]+\.\w+\.\w+`/.test(sql) && /\bsku_description\b/.test(sql);
  if (!standardTable && !anyTable) {
    throw invalidQuery(
      'Syntax error: the simulator only answers the billing export query (FROM `project.dataset.gcp_billing_export_v1_…`).',
    );
  }
  const parameters = parseParameters(input.parameters);
  if (asksLatestExportTime(sql)) {
    const answer = latestExportTimeAnswer(ledger, sql, dayParameter(sql, parameters, 'since_day'));
    return queryResult(input, sql, answer.schema, answer.rows, answer.bytesProcessed);
  }
  const answer = billingQueryAnswer(ledger, sql, parameters);
  const bytesProcessed = answer.bytesProcessed + (hashString(sql) % 4096);
  const bytesBilled = Math.max(MINIMUM_BILLED_BYTES, Math.ceil(bytesProcessed / MIB) * MIB);
  const limit = input.maximumBytesBilled === undefined ? undefined : Number(input.maximumBytesBilled);
  if (limit !== undefined && Number.isFinite(limit) && bytesBilled > limit) {
    throw new GoogleApiError(
      400,
      `Query exceeded limit for bytes billed: ${limit}. ${bytesBilled} or higher required.`,
      { reason: 'bytesBilledLimitExceeded' },
    );
  }
  return queryResult(input, sql, answer.schema, answer.rows, bytesProcessed, bytesBilled);
}

function queryResult(
  input: QueryInput,
  sql: string,
  schema: SchemaField[],
  rows: QueryResult['rows'],
  bytesProcessed: number,
  bytesBilled = Math.max(MINIMUM_BILLED_BYTES, Math.ceil(bytesProcessed / MIB) * MIB),
): QueryResult {
  const createdMs = Date.now();
  return {
    jobId:
      input.jobId ??
      `job_${hashString(`${sql}${createdMs}${Math.random()}`).toString(36)}${createdMs.toString(36)}`,
    projectId: input.projectId,
    location: input.location,
    query: sql,
    schema,
    rows: input.dryRun ? [] : rows,
    bytesProcessed,
    bytesBilled,
    createdMs,
    dryRun: input.dryRun,
  };
}

function queryResponse(
  result: QueryResult,
  maxResults: number | undefined,
  pageToken: string | undefined,
): Record<string, unknown> {
  const page = paginate(result.rows, {
    pageSize: maxResults,
    pageToken,
    listing: `bigquery:${result.jobId}`,
    defaultSize: DEFAULT_PAGE_ROWS,
    maxSize: 100_000,
  });
  const response: Record<string, unknown> = {
    kind: 'bigquery#queryResponse',
    schema: { fields: result.schema },
    jobReference: { projectId: result.projectId, jobId: result.jobId, location: result.location },
    totalRows: String(result.rows.length),
    rows: page.items,
    totalBytesProcessed: String(result.bytesProcessed),
    jobComplete: true,
    cacheHit: false,
  };
  if (page.nextPageToken) response.pageToken = page.nextPageToken;
  return response;
}

function jobResource(result: QueryResult, configuration: Record<string, unknown>): Record<string, unknown> {
  const ms = String(result.createdMs);
  return {
    kind: 'bigquery#job',
    etag: etagOf(result),
    id: `${result.projectId}:${result.location}.${result.jobId}`,
    selfLink: `https://bigquery.googleapis.com/bigquery/v2/projects/${result.projectId}/jobs/${result.jobId}?location=${result.location}`,
    jobReference: { projectId: result.projectId, jobId: result.jobId, location: result.location },
    configuration: { ...configuration, jobType: 'QUERY' },
    status: { state: 'DONE' },
    statistics: {
      creationTime: ms,
      startTime: ms,
      endTime: ms,
      totalBytesProcessed: String(result.bytesProcessed),
      query: {
        totalBytesProcessed: String(result.bytesProcessed),
        totalBytesBilled: result.dryRun ? '0' : String(result.bytesBilled),
        cacheHit: false,
        statementType: 'SELECT',
      },
    },
  };
}

function etagOf(result: QueryResult): string {
  return Buffer.from(String(hashString(result.jobId))).toString('base64');
}
