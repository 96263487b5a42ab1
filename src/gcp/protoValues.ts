// Well-known protobuf types as the Google clients decode them (or as plain JSON) → plain JavaScript values.

import type { protos } from '@google-cloud/aiplatform';

type IValue = protos.google.protobuf.IValue;

/** Protobuf Timestamp (decoded object, or RFC 3339 text) → RFC 3339 UTC, null when unset. */
export function timestampFrom(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string')
    return Number.isNaN(Date.parse(value)) ? null : new Date(value).toISOString();
  const t = value as { seconds?: unknown; nanos?: unknown };
  const seconds = Number(t.seconds ?? 0);
  const nanos = Number(t.nanos ?? 0);
  if (!Number.isFinite(seconds) || (seconds === 0 && nanos === 0)) return null;
  return new Date(seconds * 1000 + Math.floor(nanos / 1e6)).toISOString();
}

/** Protobuf Duration (decoded object, or "3600s") → seconds, null when unset. */
export function durationSeconds(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(value);
    return match ? Number(match[1]) : null;
  }
  const d = value as { seconds?: unknown; nanos?: unknown };
  const seconds = Number(d.seconds ?? 0) + Number(d.nanos ?? 0) / 1e9;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/**
 * google.protobuf.Value / Struct as decoded by the client ({structValue: {fields: …}}, {stringValue: …}) → plain
 * JSON. Already-plain JSON passes through unchanged.
 */
export function valueToJson(value: IValue | Record<string, unknown> | null | undefined): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if ('fields' in v && v.fields && typeof v.fields === 'object')
    return structToJson(v.fields as Record<string, IValue>);
  if ('structValue' in v && v.structValue) return valueToJson(v.structValue as Record<string, unknown>);
  if ('listValue' in v && v.listValue) {
    const values = (v.listValue as { values?: IValue[] }).values ?? [];
    return values.map((item) => valueToJson(item));
  }
  if ('stringValue' in v && v.stringValue !== null && v.stringValue !== undefined) return v.stringValue;
  if ('numberValue' in v && v.numberValue !== null && v.numberValue !== undefined) return v.numberValue;
  if ('boolValue' in v && v.boolValue !== null && v.boolValue !== undefined) return v.boolValue;
  if ('nullValue' in v) return null;
  return v;
}

function structToJson(fields: Record<string, IValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, item]) => [key, valueToJson(item)]));
}
