import { BigQuery } from '@google-cloud/bigquery';
import type { Logger } from '../app/logger.js';
import type { BillingExportApi, BillingQuery } from './api.js';
import {
  billingQueryParameters,
  buildBillingQuery,
  buildLatestExportTimeQuery,
  type LabelColumn,
} from './billingQuery.js';
import type { Caller } from './call.js';
import { bigQueryClientOptions, type GcpTarget } from './clientOptions.js';
import { withinDeadline } from './deadline.js';
import type { BillingAggregateRow, BillingQueryResult, LatestExportTime } from './types.js';

export interface BillingExportSettings {
  /** project.dataset.table of the Cloud Billing export. */
  table: string;
  /** BigQuery location of the dataset (US, EU, a region). */
  location: string;
  /** Service descriptions to keep, e.g. "Vertex AI". */
  services: readonly string[];
  labelKeys: readonly string[];
  /** The query fails instead of billing more than this. */
  maximumBytesBilled: number;
  /** Deadline of one query: BigQuery stops the job after it, and burnrate stops waiting for it. */
  timeoutMs: number;
}

type ResultRow = Record<string, unknown>;

/** The Cloud Billing export in BigQuery, queried for daily aggregates (the aggregation runs in BigQuery). */
export class BillingExportAdapter implements BillingExportApi {
  private client: BigQuery | null = null;
  private readonly query: { sql: string; labelColumns: LabelColumn[] };
  private readonly latestExportSql: string;

  constructor(
    private readonly target: GcpTarget,
    private readonly settings: BillingExportSettings,
    private readonly caller: Caller,
    private readonly log: Logger,
  ) {
    // Built (and its table and label keys validated) once, before anything is sent.
    this.query = buildBillingQuery(settings.table, settings.labelKeys);
    this.latestExportSql = buildLatestExportTimeQuery(settings.table);
  }

  private bigQuery(): BigQuery {
    // Query jobs run in the export table's project; our own retry policy replaces the library's.
    const projectId = this.settings.table.split('.')[0] ?? '';
    this.client ??= new BigQuery({ ...bigQueryClientOptions(this.target, projectId), autoRetry: false });
    return this.client;
  }

  async dailyCosts(query: BillingQuery): Promise<BillingQueryResult> {
    const bigQuery = this.bigQuery();
    const resource = `${this.settings.table} exported after ${query.exportedAfter}`;
    const { rows, bytesProcessed, bytesBilled, jobId } = await this.caller.read(
      'bigquery.jobs.query',
      resource,
      this.within('the billing export query', async () => {
        const [job] = await bigQuery.createJob({
          configuration: {
            query: {
              query: this.query.sql,
              useLegacySql: false,
              parameterMode: 'NAMED',
              queryParameters: billingQueryParameters(query, this.settings.services),
              maximumBytesBilled: String(this.settings.maximumBytesBilled),
            },
            jobTimeoutMs: String(this.settings.timeoutMs),
          },
          location: this.settings.location,
        });
        const [resultRows] = await job.getQueryResults({
          wrapIntegers: false,
          autoPaginate: true,
          timeoutMs: this.settings.timeoutMs,
        });
        const [metadata] = await job.getMetadata();
        const statistics = (metadata as { statistics?: Record<string, unknown> }).statistics ?? {};
        const queryStats = (statistics.query ?? {}) as Record<string, unknown>;
        return {
          rows: resultRows as ResultRow[],
          bytesProcessed: Number(statistics.totalBytesProcessed ?? queryStats.totalBytesProcessed ?? 0),
          bytesBilled: Number(queryStats.totalBytesBilled ?? 0),
          jobId: job.id ?? null,
        };
      }),
    );
    this.log.info(
      {
        table: this.settings.table,
        startDay: query.startDay,
        endDay: query.endDay,
        exportedAfter: query.exportedAfter,
        rows: rows.length,
        bytesProcessed,
        bytesBilled,
        jobId,
      },
      'billing export query done',
    );
    // The row that only says how far the export is (nothing new was appended) has no day.
    const through = rows[0]?.exported_through;
    return {
      rows: rows
        .filter((row) => row.day !== null && row.day !== undefined)
        .map((row) => this.aggregateFrom(row)),
      exportedThrough: typeof through === 'string' && through !== '' ? through : null,
      bytesProcessed,
      bytesBilled,
      jobId,
    };
  }

  async latestExportTime(sinceDay: string): Promise<LatestExportTime> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(sinceDay)) {
      throw new RangeError(`sinceDay must be a day like 2026-11-01, got ${JSON.stringify(sinceDay)}`);
    }
    const bigQuery = this.bigQuery();
    const query = this.within('the latest export time query', async () => {
      const [job] = await bigQuery.createJob({
        configuration: {
          query: {
            query: this.latestExportSql,
            useLegacySql: false,
            parameterMode: 'NAMED',
            queryParameters: [
              { name: 'since_day', parameterType: { type: 'DATE' }, parameterValue: { value: sinceDay } },
            ],
            maximumBytesBilled: String(this.settings.maximumBytesBilled),
          },
          jobTimeoutMs: String(this.settings.timeoutMs),
        },
        location: this.settings.location,
      });
      const [rows] = await job.getQueryResults({ wrapIntegers: false, timeoutMs: this.settings.timeoutMs });
      const [metadata] = await job.getMetadata();
      const statistics = (metadata as { statistics?: Record<string, unknown> }).statistics ?? {};
      const value = (rows as ResultRow[])[0]?.latest_export_time;
      return {
        latestExportTime: typeof value === 'string' && value !== '' ? value : null,
        sinceDay,
        bytesProcessed: Number(statistics.totalBytesProcessed ?? 0),
        jobId: job.id ?? null,
      };
    });
    return this.caller.read('bigquery.jobs.query', `${this.settings.table} since ${sinceDay}`, query);
  }

  /** A query bounded by the deadline (the client library cannot bound its own requests; see deadline.ts). */
  private within<T>(what: string, query: () => Promise<T>): () => Promise<T> {
    return () => withinDeadline(this.settings.timeoutMs, what, query);
  }

  private aggregateFrom(row: ResultRow): BillingAggregateRow {
    const labels: Record<string, string> = {};
    for (const { key, column } of this.query.labelColumns) {
      const value = row[column];
      if (value !== null && value !== undefined && value !== '') labels[key] = String(value);
    }
    return {
      day: dateText(row.day),
      project: text(row.project_id),
      service: text(row.service),
      skuId: text(row.sku_id),
      skuDescription: text(row.sku_description),
      location: text(row.location),
      labels,
      vertexProduct:
        row.vertex_product === null || row.vertex_product === undefined ? null : text(row.vertex_product),
      pipelineRun: row.pipeline_run === true || row.pipeline_run === 'true',
      cost: Number(row.cost ?? 0),
      credits: Number(row.credits ?? 0),
      currency: text(row.currency) || 'USD',
      ...usageFrom(row),
    };
  }

  async close(): Promise<void> {
    this.client = null;
  }
}

/** Usage in the catalog's pricing unit when the export names it, else in the SKU's base unit. */
function usageFrom(row: ResultRow): { usageAmount: number; usageUnit: string | null } {
  const pricingUnit = text(row.usage_pricing_unit);
  if (pricingUnit !== '')
    return { usageAmount: Number(row.usage_pricing_amount ?? 0), usageUnit: pricingUnit };
  const baseUnit = text(row.usage_unit);
  return { usageAmount: Number(row.usage_amount ?? 0), usageUnit: baseUnit === '' ? null : baseUnit };
}

/** DATE columns arrive as BigQueryDate objects ({ value: 'YYYY-MM-DD' }). */
function dateText(value: unknown): string {
  if (value && typeof value === 'object' && 'value' in value)
    return String((value as { value: unknown }).value);
  return String(value ?? '');
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
