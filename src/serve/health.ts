import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Store } from '../db/open.js';
import { lastSyncEndedAt } from '../db/queries/syncState.js';

export const HEALTH_PATH = '/healthz';

/** An extra route for the Slack app's HTTP server (the shape Bolt's custom routes take). */
export interface HttpRoute {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export type Health =
  | { status: 200; body: { db: 'ok'; lastSync: string | null; lastSyncAgeSeconds: number | null } }
  | { status: 503; body: { db: 'error'; error: string } };

/** Reads the database the way every feature does: a failure here means the bot cannot answer anything. */
export function checkHealth(store: Store, clock: Clock): Health {
  try {
    const at = lastSyncEndedAt(store);
    const lastSync = at ? new Date(at).toISOString() : null;
    const age = lastSync
      ? Math.max(0, Math.round((clock.now().getTime() - Date.parse(lastSync)) / 1000))
      : null;
    return { status: 200, body: { db: 'ok', lastSync, lastSyncAgeSeconds: age } };
  } catch (err) {
    return {
      status: 503,
      body: { db: 'error', error: `cannot read the database: ${(err as Error).message}` },
    };
  }
}

function send(res: ServerResponse, health: Health) {
  res.writeHead(health.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(health.body));
}

/** GET /healthz for the Slack app's HTTP server (and load balancers). */
export function healthRoute(store: Store, clock: Clock, log: Logger): HttpRoute {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req, res) => {
      const health = checkHealth(store, clock);
      if (health.status !== 200) log.error({ error: health.body.error }, 'health check failed');
      send(res, health);
    },
  };
}
