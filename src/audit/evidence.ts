// A finding's evidence is stored as JSON and read back before anything acts on it: remediation calls Google with
// the target it names, so a row that does not parse into exactly this shape must never become a target.

import { z } from 'zod';
import type { Evidence, TrafficShare } from './model.js';

const targetSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('deployed-model'),
    endpointName: z.string().min(1),
    deployedModelId: z.string().min(1),
    displayName: z.string(),
  }),
  z.object({ type: z.literal('job'), jobName: z.string().min(1), kind: z.string(), displayName: z.string() }),
  z.object({ type: z.literal('resource-pool'), poolName: z.string().min(1), displayName: z.string() }),
]);

const trafficSplitSchema = z.array(
  z.object({
    deployedModelId: z.string().min(1),
    displayName: z.string(),
    percent: z.number().int().min(0).max(100),
  }),
);

const evidenceSchema = z.object({
  target: targetSchema,
  facts: z.array(
    z.object({
      label: z.string(),
      value: z.union([z.string(), z.number(), z.null()]),
      unit: z.enum(['money', 'money-per-hour', 'hours', 'time', 'count', 'text', 'per-hour']),
    }),
  ),
  unpricedReason: z.string().nullable().optional(),
  // Optional: evidence recorded before splits were kept has none and stays readable.
  trafficSplit: trafficSplitSchema.optional(),
  recommendation: z.object({ change: z.string(), commands: z.array(z.string()) }).optional(),
});

/**
 * The stored evidence, or — when it is not valid JSON of the expected shape — evidence whose target is
 * "unreadable": it shows in alerts and listings but no action accepts it.
 */
export function readEvidence(json: string, resource: string): Evidence {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = undefined;
  }
  const parsed = evidenceSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  return {
    target: {
      type: 'unreadable',
      displayName: resource,
      why: 'the stored evidence of this finding is unreadable',
    },
    facts: [],
  };
}

/**
 * The split an alert showed (findings.alerted_split), or null when the alert showed none. A stored value that does
 * not parse reads as an empty split: it matches no live endpoint, so no undeploy acts on it, and the finding is
 * alerted again with its current split.
 */
export function readAlertedSplit(json: string | null): TrafficShare[] | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const parsed = trafficSplitSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}
