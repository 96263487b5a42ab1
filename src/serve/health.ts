import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Store } from '../db/open.js';
import { lastSyncEndedAt } from '../db/queries/syncState.js';
import { cronMatcher, lastDueAt } from '../schedule/due.js';

export const HEALTH_PATH = '/healthz';

const MINUTE_MS = 60_000;
// How far back the sync cron's period is measured: a weekly schedule's period and a day, as catch-up looks.
const PERIOD_LOOKBACK_MS = 8 * 24 * 3_600_000;
// Sync periods a successful sync may be late before health is degraded: one pass may fail or overrun.
const STALE_AFTER_PERIODS = 2;

/** An extra route for the Slack app's HTTP server (the shape Bolt's custom routes take). */
export interface HttpRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

type SyncState = { db: 'ok'; lastSync: string | null; lastSyncAgeSeconds: number | null };

export type Health =
  | { status: 200; body: SyncState }
  | { status: 503; body: SyncState & { reason: string } }
  | { status: 503; body: { db: 'error'; reason: string } };

export interface HealthOptions {
  /** The sync's period at an instant, or null when no sync is expected (Google not configured). */
  syncPeriodMs(now: Date): number | null;
  /** When serve started: a fresh start gets two periods for its first sync. */
  startedAt: Date;
}

// A cron's period is recomputed this often (it can vary over a day: "0 9-17 * * 1-5"); probing is minute by minute.
const PERIOD_CACHE_MS = 3_600_000;

/** The sync cron's period, measured at most once an hour; null when no sync runs. */
export function syncPeriodOf(cron: string | null, timezone: string): (now: Date) => number | null {
  let cached: { at: number; periodMs: number | null } | null = null;
  return (now) => {
    if (cron === null) return null;
    if (!cached || Math.abs(now.getTime() - cached.at) > PERIOD_CACHE_MS) {
      cached = { at: now.getTime(), periodMs: cronPeriodMs(cron, timezone, now) };
    }
    return cached.periodMs;
  };
}

/** The time between the cron's two latest runs before `now`, or null when it did not run twice in 8 days. */
export function cronPeriodMs(cron: string, timezone: string, now: Date): number | null {
  const matches = cronMatcher(cron, timezone);
  const last = lastDueAt(matches, now, PERIOD_LOOKBACK_MS);
  if (!last) return null;
  const before = lastDueAt(matches, new Date(last.getTime() - MINUTE_MS), PERIOD_LOOKBACK_MS);
  return before ? last.getTime() - before.getTime() : null;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / (24 * 60))} d`;
}

/**
 * Why the sync is too old, or null: the last successful sync (or the start, if later) lies more than two sync
 * periods back. No period (no sync expected) is never stale.
 */
export function syncStaleness(input: {
  lastSync: string | null;
  startedAt: Date;
  now: Date;
  periodMs: number | null;
}): string | null {
  const { lastSync, startedAt, now, periodMs } = input;
  if (periodMs === null) return null;
  const synced = lastSync ? Date.parse(lastSync) : Number.NEGATIVE_INFINITY;
  const since = Math.max(synced, startedAt.getTime());
  const age = now.getTime() - since;
  if (age <= STALE_AFTER_PERIODS * periodMs) return null;
  return synced >= startedAt.getTime()
    ? `the last successful sync ended ${duration(age)} ago, more than two sync periods (${STALE_AFTER_PERIODS} × ${duration(periodMs)})`
    : `no sync has succeeded since burnrate started ${duration(age)} ago (syncs are due every ${duration(periodMs)})`;
}

/** Reads the database the way every feature does, and judges the sync's age against its schedule. */
export function checkHealth(store: Store, clock: Clock, opts: HealthOptions, log?: Logger): Health {
  let lastSync: string | null;
  try {
    const at = lastSyncEndedAt(store);
    lastSync = at ? new Date(at).toISOString() : null;
  } catch (err) {
    // The details go to the log; the answer is for anyone who can reach the port.
    log?.error({ err: (err as Error).message }, 'health check: cannot read the database');
    return { status: 503, body: { db: 'error', reason: 'the database cannot be read' } };
  }
  const now = clock.now();
  const age = lastSync ? Math.max(0, Math.round((now.getTime() - Date.parse(lastSync)) / 1000)) : null;
  const state: SyncState = { db: 'ok', lastSync, lastSyncAgeSeconds: age };
  const periodMs = opts.syncPeriodMs(now);
  const stale = syncStaleness({ lastSync, startedAt: opts.startedAt, now, periodMs });
  if (stale) {
    log?.warn({ reason: stale }, 'health check: degraded');
    return { status: 503, body: { ...state, reason: stale } };
  }
  return { status: 200, body: state };
}

function send(res: ServerResponse, health: Health) {
  res.writeHead(health.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(health.body));
}

/** GET /healthz for the Slack app's HTTP server (and load balancers). */
export function healthRoute(store: Store, clock: Clock, log: Logger, opts: HealthOptions): HttpRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req, res) => send(res, checkHealth(store, clock, opts, log)),
  };
}
