// Fault injection: rules that add latency or answer with errors on matching Google calls, so retry, backoff
// and error reporting can be exercised on purpose. A rule can be limited to its first N hits and seeded, so a
// test gets the same sequence of failures on every run.

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { mulberry32 } from './random.js';
import { describeIssues } from './schemaIssues.js';

const faultRuleSchema = z
  .strictObject({
    /** HTTP method to match (GET, POST…); any method when omitted. */
    method: z.string().optional(),
    /** Regular expression tested against the request path (without query string); any path when omitted. */
    path: z.string().refine(isValidRegex, { message: 'a valid regular expression' }).optional(),
    /**
     * Regular expression tested against the decoded query string (e.g. a Monitoring filter's metric type); any
     * query when omitted.
     */
    query: z.string().refine(isValidRegex, { message: 'a valid regular expression' }).optional(),
    /** Delay before the request is answered (or fails). */
    latencyMs: z.number().int().min(0).default(0),
    /** Probability 0..1 that a matching request fails with `code`; defaults to 1 when a code is given. */
    errorRate: z.number().min(0).max(1).optional(),
    /** HTTP error to answer with, or 'timeout' to never answer (the client's deadline fires first). */
    code: z
      .union([
        z.literal(403),
        z.literal(404),
        z.literal(429),
        z.literal(500),
        z.literal(503),
        z.literal('timeout'),
      ])
      .optional(),
    /**
     * With code 429: the answer carries a google.rpc.RetryInfo detail asking the client to wait this long
     * before trying again, as Google's quota errors do.
     */
    retryDelaySeconds: z.number().min(0).optional(),
    /** The rule applies to at most this many requests, then stops matching. */
    count: z.number().int().min(1).optional(),
    /** Seed for the rule's random draws; without one, draws differ from run to run. */
    seed: z.number().int().optional(),
    message: z.string().optional(),
  })
  .refine((rule) => rule.code !== undefined || rule.latencyMs > 0, {
    message: 'a rule with a code or a latencyMs (otherwise it does nothing)',
  })
  .refine((rule) => rule.retryDelaySeconds === undefined || rule.code === 429, {
    message: 'retryDelaySeconds only with code 429 (RESOURCE_EXHAUSTED)',
  });

export const faultsSchema = z.strictObject({
  rules: z.array(faultRuleSchema).default([]),
});

export type FaultsDocument = z.input<typeof faultsSchema>;
export type FaultRule = z.output<typeof faultRuleSchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export class FaultsError extends Error {
  override name = 'FaultsError';
}

export function parseFaults(data: unknown, source = 'faults'): z.output<typeof faultsSchema> {
  const result = faultsSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new FaultsError(describeIssues(source, result.error.issues));
  return result.data;
}

export function loadFaultsFile(path: string): z.output<typeof faultsSchema> {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FaultsError(`${path}: cannot read faults file: ${(error as Error).message}`);
  }
  return parseFaults(data, path);
}

export type FaultDecision =
  | { latencyMs: number; outcome: 'pass' }
  | {
      latencyMs: number;
      outcome: 'error';
      code: 403 | 404 | 429 | 500 | 503;
      message: string | undefined;
      retryDelaySeconds: number | undefined;
    }
  | { latencyMs: number; outcome: 'timeout' };

interface ActiveRule {
  rule: FaultRule;
  pattern: RegExp | undefined;
  queryPattern: RegExp | undefined;
  random: () => number;
  remaining: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private document: z.output<typeof faultsSchema> = { rules: [] };

  constructor(document?: FaultsDocument) {
    this.replace(document ?? { rules: [] });
  }

  /** Replaces all rules; `{ rules: [] }` clears them. The document is validated (FaultsError when invalid). */
  replace(document: FaultsDocument | unknown): void {
    this.document = parseFaults(document);
    this.rules = this.document.rules.map((rule) => ({
      rule,
      pattern: rule.path === undefined ? undefined : new RegExp(rule.path),
      queryPattern: rule.query === undefined ? undefined : new RegExp(rule.query),
      random: rule.seed === undefined ? Math.random : mulberry32(rule.seed),
      remaining: rule.count ?? Number.POSITIVE_INFINITY,
    }));
  }

  current(): z.output<typeof faultsSchema> {
    return this.document;
  }

  /** Decides what happens to one request: latencies of all matching rules add up; the first failure wins. */
  decide(method: string, path: string, query = ''): FaultDecision {
    let latencyMs = 0;
    for (const active of this.rules) {
      const { rule } = active;
      if (active.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (active.pattern && !active.pattern.test(path)) continue;
      if (active.queryPattern && !active.queryPattern.test(query)) continue;
      const fails = rule.code !== undefined && active.random() < (rule.errorRate ?? 1);
      if (!fails && rule.latencyMs === 0) continue;
      active.remaining--;
      latencyMs += rule.latencyMs;
      if (!fails || rule.code === undefined) continue;
      if (rule.code === 'timeout') return { latencyMs, outcome: 'timeout' };
      return {
        latencyMs,
        outcome: 'error',
        code: rule.code,
        message: rule.message,
        retryDelaySeconds: rule.retryDelaySeconds,
      };
    }
    return { latencyMs, outcome: 'pass' };
  }
}
