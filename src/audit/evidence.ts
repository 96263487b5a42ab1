// A finding's evidence is stored as JSON and read back before anything acts on it: remediation calls Google with
// the target it names, so a row that does not parse into exactly this shape must never become a target.
// Checked by hand rather than with a schema library: the answer thread reads findings too, and this is all it
// would load that library for (some 3 MB of heap in a thread kept small; see docs/deploy.md).

import type {
  Evidence,
  EvidenceFact,
  FactUnit,
  FindingTarget,
  Recommendation,
  TrafficShare,
} from './model.js';

const FACT_UNITS: ReadonlySet<string> = new Set<FactUnit>([
  'money',
  'money-per-hour',
  'hours',
  'time',
  'count',
  'text',
  'per-hour',
]);

type Fields = Record<string, unknown>;

/** Thrown inside this module only: the stored value does not have the expected shape. */
class Malformed extends Error {}

function fields(value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Malformed();
  return value as Fields;
}

function text(value: unknown, { nonEmpty = false } = {}): string {
  if (typeof value !== 'string' || (nonEmpty && value.length === 0)) throw new Malformed();
  return value;
}

function list<T>(value: unknown, item: (v: unknown) => T): T[] {
  if (!Array.isArray(value)) throw new Malformed();
  return value.map(item);
}

function target(value: unknown): FindingTarget {
  const t = fields(value);
  const displayName = text(t.displayName);
  switch (t.type) {
    case 'deployed-model':
      return {
        type: 'deployed-model',
        endpointName: text(t.endpointName, { nonEmpty: true }),
        deployedModelId: text(t.deployedModelId, { nonEmpty: true }),
        displayName,
      };
    case 'job':
      return { type: 'job', jobName: text(t.jobName, { nonEmpty: true }), kind: text(t.kind), displayName };
    case 'resource-pool':
      return { type: 'resource-pool', poolName: text(t.poolName, { nonEmpty: true }), displayName };
    default:
      // 'unreadable' is what reading makes of bad evidence, never what is stored.
      throw new Malformed();
  }
}

function fact(value: unknown): EvidenceFact {
  const f = fields(value);
  const v = f.value;
  if (!(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || v === null))
    throw new Malformed();
  if (typeof f.unit !== 'string' || !FACT_UNITS.has(f.unit)) throw new Malformed();
  return { label: text(f.label), value: v, unit: f.unit as FactUnit };
}

function share(value: unknown): TrafficShare {
  const s = fields(value);
  const percent = s.percent;
  if (typeof percent !== 'number' || !Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new Malformed();
  return {
    deployedModelId: text(s.deployedModelId, { nonEmpty: true }),
    displayName: text(s.displayName),
    percent,
  };
}

function recommendation(value: unknown): Recommendation {
  const r = fields(value);
  return { change: text(r.change), commands: list(r.commands, (c) => text(c)) };
}

function evidence(value: unknown): Evidence {
  const e = fields(value);
  const read: Evidence = { target: target(e.target), facts: list(e.facts, fact) };
  if (e.unpricedReason !== undefined)
    read.unpricedReason = e.unpricedReason === null ? null : text(e.unpricedReason);
  // Optional: evidence recorded before splits were kept has none and stays readable.
  if (e.trafficSplit !== undefined) read.trafficSplit = list(e.trafficSplit, share);
  if (e.recommendation !== undefined) read.recommendation = recommendation(e.recommendation);
  return read;
}

/** The parsed JSON read by `read`, or undefined when it is not JSON or not of the shape `read` expects. */
function parsed<T>(json: string, read: (value: unknown) => T): T | undefined {
  try {
    return read(JSON.parse(json));
  } catch (err) {
    if (err instanceof Malformed || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/**
 * The stored evidence, or — when it is not valid JSON of the expected shape — evidence whose target is
 * "unreadable": it shows in alerts and listings but no action accepts it.
 */
export function readEvidence(json: string, resource: string): Evidence {
  return (
    parsed(json, evidence) ?? {
      target: {
        type: 'unreadable',
        displayName: resource,
        why: 'the stored evidence of this finding is unreadable',
      },
      facts: [],
    }
  );
}

/**
 * The split an alert showed (findings.alerted_split), or null when the alert showed none. A stored value that does
 * not parse reads as an empty split: it matches no live endpoint, so no undeploy acts on it, and the finding is
 * alerted again with its current split.
 */
export function readAlertedSplit(json: string | null): TrafficShare[] | null {
  if (json === null) return null;
  return parsed(json, (value) => list(value, share)) ?? [];
}
