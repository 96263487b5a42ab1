import { MetricServiceClient, type protos } from '@google-cloud/monitoring';
import type { MonitoringApi, TrafficQuery, UtilizationQuery } from './api.js';
import type { Caller } from './call.js';
import { type GcpTarget, globalClientOptions } from './clientOptions.js';
import { timestampFrom } from './protoValues.js';
import type {
  PrivateTrafficSeries,
  TrafficMetric,
  TrafficPoint,
  TrafficSeries,
  UtilizationMetric,
  UtilizationSeries,
} from './types.js';

type ITimeSeries = protos.google.monitoring.v3.ITimeSeries;
type IAggregation = protos.google.monitoring.v3.IAggregation;

const HOUR_SECONDS = 3600;

/** Vertex AI online prediction metrics, on the monitored resource aiplatform.googleapis.com/Endpoint. */
const METRIC_TYPES: Record<TrafficMetric, string> = {
  prediction_count: 'aiplatform.googleapis.com/prediction/online/prediction_count',
  replicas: 'aiplatform.googleapis.com/prediction/online/replicas',
};

/**
 * Requests answered by private services access endpoints, whose traffic bypasses the public front end and so
 * does not show in prediction_count (Google: "Monitor private endpoints"). DELTA INT64, labels deployed_model_id
 * and response_code.
 */
const PRIVATE_RESPONSE_COUNT = 'aiplatform.googleapis.com/prediction/online/private/response_count';

// prediction_count is a DELTA counter: hourly sums. replicas is a GAUGE: the hour's mean, summed over series of
// the same deployed model (there is normally one).
const ALIGNERS: Record<TrafficMetric, Pick<IAggregation, 'perSeriesAligner' | 'crossSeriesReducer'>> = {
  prediction_count: { perSeriesAligner: 'ALIGN_SUM', crossSeriesReducer: 'REDUCE_SUM' },
  replicas: { perSeriesAligner: 'ALIGN_MEAN', crossSeriesReducer: 'REDUCE_SUM' },
};

/**
 * Resource use of a deployed model's replicas ("Google Cloud metrics", section aiplatform): GAUGE metrics labelled
 * deployed_model_id, replica_id and spot. duty_cycle and cpu/utilization are DOUBLE fractions (unit 10^2.%), the
 * two memory metrics INT64 bytes.
 */
const UTILIZATION_METRIC_TYPES: Record<UtilizationMetric, string> = {
  accelerator_duty_cycle: 'aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle',
  accelerator_memory_bytes: 'aiplatform.googleapis.com/prediction/online/accelerator/memory/bytes_used',
  cpu_utilization: 'aiplatform.googleapis.com/prediction/online/cpu/utilization',
  memory_bytes: 'aiplatform.googleapis.com/prediction/online/memory/bytes_used',
};

// How busy: the hour's mean, averaged over the model's replicas (load is balanced across them). How much memory:
// the hour's peak on the fullest replica, since a smaller machine must hold what any one replica held.
const UTILIZATION_ALIGNERS: Record<
  UtilizationMetric,
  Pick<IAggregation, 'perSeriesAligner' | 'crossSeriesReducer'>
> = {
  accelerator_duty_cycle: { perSeriesAligner: 'ALIGN_MEAN', crossSeriesReducer: 'REDUCE_MEAN' },
  accelerator_memory_bytes: { perSeriesAligner: 'ALIGN_MAX', crossSeriesReducer: 'REDUCE_MAX' },
  cpu_utilization: { perSeriesAligner: 'ALIGN_MEAN', crossSeriesReducer: 'REDUCE_MEAN' },
  memory_bytes: { perSeriesAligner: 'ALIGN_MAX', crossSeriesReducer: 'REDUCE_MAX' },
};

// Grouping server-side keeps one series per deployed model whatever other labels the metric carries. The
// location follows from the endpoint; grouping on it too keeps it in the answer, to name the endpoint fully.
const GROUP_BY_FIELDS = [
  'resource.labels.endpoint_id',
  'metric.labels.deployed_model_id',
  'resource.labels.location',
];

/** Cloud Monitoring: hourly prediction traffic, replica counts and resource use per deployed model. */
export class MonitoringAdapter implements MonitoringApi {
  private client: MetricServiceClient | null = null;

  constructor(
    private readonly target: GcpTarget,
    private readonly caller: Caller,
  ) {}

  private metrics(): MetricServiceClient {
    this.client ??= new MetricServiceClient(globalClientOptions(this.target));
    return this.client;
  }

  async hourlyTraffic(query: TrafficQuery): Promise<TrafficSeries> {
    const points = await this.hourlyPoints(
      query,
      METRIC_TYPES[query.metric],
      ALIGNERS[query.metric],
      query.metric,
    );
    return { metric: query.metric, points, from: query.from.toISOString(), to: query.to.toISOString() };
  }

  async hourlyPrivateResponses(query: Omit<TrafficQuery, 'metric'>): Promise<PrivateTrafficSeries> {
    // Responses of every code summed: an endpoint that answers at all is in use.
    const points = await this.hourlyPoints(
      query,
      PRIVATE_RESPONSE_COUNT,
      { perSeriesAligner: 'ALIGN_SUM', crossSeriesReducer: 'REDUCE_SUM' },
      'private_response_count',
    );
    return {
      metric: 'private_response_count',
      points,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
    };
  }

  async hourlyUtilization(query: UtilizationQuery): Promise<UtilizationSeries> {
    const points = await this.hourlyPoints(
      query,
      UTILIZATION_METRIC_TYPES[query.metric],
      UTILIZATION_ALIGNERS[query.metric],
      query.metric,
    );
    return { metric: query.metric, points, from: query.from.toISOString(), to: query.to.toISOString() };
  }

  /** One aligned, server-side grouped query for a project (all regions), every page. */
  private async hourlyPoints(
    query: Omit<TrafficQuery, 'metric'>,
    metricType: string,
    aligners: Pick<IAggregation, 'perSeriesAligner' | 'crossSeriesReducer'>,
    label: string,
  ): Promise<TrafficPoint[]> {
    const client = this.metrics();
    const name = `projects/${query.project}`;
    const request = {
      name,
      filter: `metric.type = "${metricType}" AND resource.type = "aiplatform.googleapis.com/Endpoint"`,
      // Alignment periods end at interval.endTime, so an hour-aligned end gives clock-hour buckets.
      interval: { startTime: toTimestamp(query.from), endTime: toTimestamp(query.to) },
      aggregation: {
        alignmentPeriod: { seconds: HOUR_SECONDS },
        ...aligners,
        groupByFields: GROUP_BY_FIELDS,
      },
      view: 'FULL' as const,
    };
    const series = await this.caller.listAll(`MetricService.ListTimeSeries ${label}`, name, (pageToken) =>
      client.listTimeSeries(
        { ...request, pageToken, pageSize: this.caller.pageSize },
        this.caller.requestOptions,
      ),
    );
    return series.flatMap(pointsOf);
  }

  async close(): Promise<void> {
    await this.client?.close().catch(() => undefined);
    this.client = null;
  }
}

/** A TypedValue's number; decoded objects name the set member of the `value` oneof. */
function typedValueNumber(value: protos.google.monitoring.v3.ITypedValue | null | undefined): number {
  if (!value) return 0;
  const member = (value as { value?: string }).value;
  if (member === 'int64Value') return Number(value.int64Value ?? 0);
  if (member === 'doubleValue') return Number(value.doubleValue ?? 0);
  return Number(value.doubleValue || value.int64Value || 0);
}

function toTimestamp(date: Date): { seconds: number; nanos: number } {
  return { seconds: Math.floor(date.getTime() / 1000), nanos: 0 };
}

export function pointsOf(series: ITimeSeries): TrafficPoint[] {
  const endpointId = series.resource?.labels?.endpoint_id ?? '';
  const deployedModelId = series.metric?.labels?.deployed_model_id ?? '';
  const location = series.resource?.labels?.location || null;
  if (!endpointId || !deployedModelId) return [];
  const points: TrafficPoint[] = [];
  for (const point of series.points ?? []) {
    const end = timestampFrom(point.interval?.endTime);
    if (!end) continue;
    const number = typedValueNumber(point.value);
    points.push({
      endpointId,
      location,
      deployedModelId,
      hour: new Date(Date.parse(end) - HOUR_SECONDS * 1000).toISOString(),
      value: Number.isFinite(number) ? number : 0,
    });
  }
  return points;
}
