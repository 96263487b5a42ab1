// Cloud Monitoring v3 projects.timeSeries.list for the Vertex AI online-prediction metrics burnrate reads (the
// series themselves come from monitoringSeries.ts), with Google's alignment (alignmentPeriod + perSeriesAligner),
// cross-series reduction (crossSeriesReducer + groupByFields) and newest-first points. Every hour a model was
// deployed has a point, even when it served nothing, so callers can tell "idle" from "no data".

import { HOUR_MS, parseDurationSeconds, rfc3339 } from './clock.js';
import { GoogleApiError, invalidArgument, type SimResponse } from './http.js';
import { parseMonitoringFilter } from './monitoringFilter.js';
import { ENDPOINT_RESOURCE, METRIC_UNITS, rawSeries, type Series, servedMetric } from './monitoringSeries.js';
import { paginate, queryInt } from './pagination.js';
import { type Route, route } from './router.js';
import type { SimState } from './state.js';

const METRIC_PREFIX = 'aiplatform.googleapis.com/prediction/online/';

const ALIGNERS: Record<string, number> = {
  ALIGN_NONE: 0,
  ALIGN_DELTA: 1,
  ALIGN_RATE: 2,
  ALIGN_NEXT_OLDER: 4,
  ALIGN_MIN: 10,
  ALIGN_MAX: 11,
  ALIGN_MEAN: 12,
  ALIGN_COUNT: 13,
  ALIGN_SUM: 14,
};

const REDUCERS: Record<string, number> = {
  REDUCE_NONE: 0,
  REDUCE_MEAN: 1,
  REDUCE_MIN: 2,
  REDUCE_MAX: 3,
  REDUCE_SUM: 4,
  REDUCE_COUNT: 6,
};

export function monitoringRoutes(state: SimState): Route[] {
  return [
    route('GET', '/v3/projects/{project}/timeSeries', (request, params) =>
      listTimeSeries(state, params.project ?? '', request.query),
    ),
  ];
}

function listTimeSeries(state: SimState, projectSegment: string, query: URLSearchParams): SimResponse {
  const project = state.findProject(projectSegment);
  if (!project) {
    throw new GoogleApiError(
      403,
      `Permission monitoring.timeSeries.list denied (or the resource may not exist).`,
    );
  }
  const filter = parseMonitoringFilter(query.get('filter') ?? '');
  const endMs = requiredTime(query, 'interval.endTime');
  const startText = query.get('interval.startTime');
  const startMs = startText ? requiredTime(query, 'interval.startTime') : endMs;
  if (startMs > endMs) throw invalidArgument('The start time must be before the end time.');

  const aligner =
    enumParam(query.get('aggregation.perSeriesAligner'), ALIGNERS, 'perSeriesAligner') ?? 'ALIGN_NONE';
  const reducer =
    enumParam(query.get('aggregation.crossSeriesReducer'), REDUCERS, 'crossSeriesReducer') ?? 'REDUCE_NONE';
  const periodText = query.get('aggregation.alignmentPeriod');
  const periodSeconds = periodText ? parseDurationSeconds(periodText) : undefined;
  if (periodText && (periodSeconds === undefined || periodSeconds < 60)) {
    throw invalidArgument(`The alignment period must be at least 60 seconds, got "${periodText}".`);
  }
  if (aligner !== 'ALIGN_NONE' && periodSeconds === undefined) {
    throw invalidArgument('An alignment period is required when a per-series aligner is given.');
  }
  if (reducer !== 'REDUCE_NONE' && aligner === 'ALIGN_NONE') {
    throw invalidArgument(
      'A per-series aligner other than ALIGN_NONE is required when a cross-series reducer is given.',
    );
  }

  let series: Series[] = [];
  const metric = filter.metric.startsWith(METRIC_PREFIX)
    ? servedMetric(filter.metric.slice(METRIC_PREFIX.length))
    : undefined;
  if (metric && (filter.resourceType ?? ENDPOINT_RESOURCE) === ENDPOINT_RESOURCE) {
    series = rawSeries(state, project.id, metric, startMs, endMs).filter((candidate) =>
      filter.labels.every(({ field, values }) => values.includes(labelValue(candidate, field) ?? '')),
    );
  }
  if (aligner !== 'ALIGN_NONE' && periodSeconds !== undefined) {
    // Sub-hour periods still align hourly data: the simulator keeps one sample per hour.
    const periodMs = Math.max(periodSeconds * 1000, HOUR_MS);
    series = series.map((one) => align(one, aligner, periodMs, endMs));
  }
  if (reducer !== 'REDUCE_NONE') {
    series = reduce(series, reducer, query.getAll('aggregation.groupByFields'));
  }

  const headersOnly = ['HEADERS', '1'].includes(query.get('view') ?? '');
  const rendered = series.map((one) => renderSeries(one, filter.metric, headersOnly));
  const page = paginate(rendered, {
    pageSize: queryInt(query, 'pageSize'),
    pageToken: query.get('pageToken') ?? undefined,
    listing: `timeSeries:${projectSegment}:${query.toString().replace(/&?pageToken=[^&]*/, '')}`,
    defaultSize: 1000,
    maxSize: 100_000,
  });
  const body: Record<string, unknown> = {};
  if (page.items.length > 0) body.timeSeries = page.items;
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  // The metric's unit, which Google repeats in the list answer ("1" for counts, as recorded).
  if (series.length > 0 && metric) body.unit = METRIC_UNITS[metric];
  return { body };
}

// The Endpoint resource's descriptor names the project `resource_container`; recorded series carry `project_id`.
const LABEL_ALIASES: Record<string, string> = { resource_container: 'project_id' };

function labelValue(series: Series, field: string): string | undefined {
  const [scope, , key = ''] = field.split('.');
  const labels = scope === 'metric' ? series.metricLabels : series.resourceLabels;
  return labels[key] ?? labels[LABEL_ALIASES[key] ?? ''];
}

function requiredTime(query: URLSearchParams, name: string): number {
  const text = query.get(name);
  const ms = text ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw invalidArgument(`Field ${name} had an invalid value: "${text ?? ''}".`);
  return ms;
}

/** Enums arrive as names or, with enum-encoding=int, as numbers. */
function enumParam(text: string | null, values: Record<string, number>, field: string): string | undefined {
  if (text === null || text === '') return undefined;
  const name = /^\d+$/.test(text) ? Object.keys(values).find((key) => values[key] === Number(text)) : text;
  if (!name || !(name in values)) throw invalidArgument(`Unsupported ${field}: ${text}.`);
  return name;
}

/** Buckets end at interval.endTime and every period before it, as Monitoring aligns them. */
function align(series: Series, aligner: string, periodMs: number, endMs: number): Series {
  const buckets = new Map<number, number[]>();
  for (const point of series.points) {
    const bucketEnd = endMs - Math.floor((endMs - point.endMs) / periodMs) * periodMs;
    const values = buckets.get(bucketEnd) ?? [];
    values.push(point.value);
    buckets.set(bucketEnd, values);
  }
  const doubleOutput = aligner === 'ALIGN_MEAN' || aligner === 'ALIGN_RATE';
  const deltaOutput = ['ALIGN_DELTA', 'ALIGN_SUM', 'ALIGN_RATE', 'ALIGN_COUNT'].includes(aligner);
  const points = [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucketEnd, values]) => ({
      startMs: deltaOutput ? bucketEnd - periodMs : bucketEnd,
      endMs: bucketEnd,
      value: applyAligner(aligner, values, periodMs),
    }));
  return {
    ...series,
    points,
    // MEAN and RATE make doubles; the others keep a DOUBLE metric's type, and COUNT counts (INT64).
    valueType:
      aligner !== 'ALIGN_COUNT' && (doubleOutput || series.valueType === 'DOUBLE') ? 'DOUBLE' : 'INT64',
    metricKind: deltaOutput && aligner !== 'ALIGN_RATE' ? 'DELTA' : 'GAUGE',
  };
}

function applyAligner(aligner: string, values: number[], periodMs: number): number {
  const sum = values.reduce((total, value) => total + value, 0);
  switch (aligner) {
    case 'ALIGN_DELTA':
    case 'ALIGN_SUM':
      return sum;
    case 'ALIGN_RATE':
      return sum / (periodMs / 1000);
    case 'ALIGN_MEAN':
      return sum / values.length;
    case 'ALIGN_MIN':
      return Math.min(...values);
    case 'ALIGN_MAX':
      return Math.max(...values);
    case 'ALIGN_COUNT':
      return values.length;
    default:
      return values[values.length - 1] ?? 0;
  }
}

/** Combines series that share the groupByFields values; labels not grouped by are dropped, as on Google. */
function reduce(series: Series[], reducer: string, groupByFields: string[]): Series[] {
  const groups = new Map<string, { labels: Series; members: Series[] }>();
  for (const one of series) {
    const metricLabels: Record<string, string> = {};
    const resourceLabels: Record<string, string> = {};
    for (const field of groupByFields) {
      const [scope, , key = ''] = field.split('.');
      const value = labelValue(one, field);
      if (value === undefined) continue;
      if (scope === 'metric') metricLabels[key] = value;
      else resourceLabels[key] = value;
    }
    const groupKey = JSON.stringify([metricLabels, resourceLabels]);
    const group = groups.get(groupKey) ?? {
      labels: { ...one, metricLabels, resourceLabels, points: [] },
      members: [],
    };
    group.members.push(one);
    groups.set(groupKey, group);
  }
  return [...groups.values()].map(({ labels, members }) => {
    const byEnd = new Map<number, { startMs: number; values: number[] }>();
    for (const member of members) {
      for (const point of member.points) {
        const slot = byEnd.get(point.endMs) ?? { startMs: point.startMs, values: [] };
        slot.values.push(point.value);
        byEnd.set(point.endMs, slot);
      }
    }
    const points = [...byEnd.entries()]
      .sort(([a], [b]) => a - b)
      .map(([endMs, slot]) => ({ startMs: slot.startMs, endMs, value: applyReducer(reducer, slot.values) }));
    const doubleOutput = reducer === 'REDUCE_MEAN' || labels.valueType === 'DOUBLE';
    return { ...labels, points, valueType: doubleOutput ? 'DOUBLE' : 'INT64' } satisfies Series;
  });
}

function applyReducer(reducer: string, values: number[]): number {
  const sum = values.reduce((total, value) => total + value, 0);
  switch (reducer) {
    case 'REDUCE_SUM':
      return sum;
    case 'REDUCE_MEAN':
      return sum / values.length;
    case 'REDUCE_MIN':
      return Math.min(...values);
    case 'REDUCE_MAX':
      return Math.max(...values);
    default:
      return values.length;
  }
}

function renderSeries(series: Series, metricType: string, headersOnly: boolean): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    metric: { type: metricType, labels: series.metricLabels },
    resource: { type: ENDPOINT_RESOURCE, labels: series.resourceLabels },
    metricKind: series.metricKind,
    valueType: series.valueType,
  };
  if (!headersOnly) {
    // Google lists points newest first.
    rendered.points = [...series.points].reverse().map((point) => ({
      interval: { startTime: rfc3339(point.startMs), endTime: rfc3339(point.endMs) },
      value:
        series.valueType === 'INT64'
          ? { int64Value: String(Math.round(point.value)) }
          : { doubleValue: point.value },
    }));
  }
  return rendered;
}
