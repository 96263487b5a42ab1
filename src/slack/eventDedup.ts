// Slack retries an event delivery it thinks failed; each event id is answered once. Ids are recorded in SQLite
// (so a retry after a restart is recognised) and remembered in memory. SQLite calls block the event loop while
// they wait for another writer's lock, and Slack wants every request acknowledged within 3 s, so the record
// waits only a moment: when the database stays locked (a CLI run writing), the in-memory record decides alone.

import type { Clock } from '../app/clock.js';
import type { Logger } from '../app/logger.js';
import type { Store } from '../db/open.js';
import { claimEventWithin, pruneEventsWithin } from '../db/queries/messages.js';

// Slack stops retrying an event after about an hour; ids are kept a day so no retry is answered twice.
export const EVENT_ID_RETENTION_MS = 24 * 60 * 60 * 1000;
// Prune old event ids every so many deliveries rather than on every one.
const PRUNE_EVERY_EVENTS = 500;
// The longest the event loop may wait for another writer on a delivery's behalf: far below Slack's 3 s.
const EVENT_RECORD_BUSY_TIMEOUT_MS = 100;
// Ids remembered in memory: many hours of deliveries for one workspace.
const RECENT_EVENT_IDS = 10_000;

export interface EventDedup {
  /** True for the first delivery of an event id, false for a retry of one already handled. */
  firstDelivery(eventId: string): boolean;
}

export function createEventDedup(deps: { store: Store; clock: Clock; log: Logger }): EventDedup {
  const { store, clock, log } = deps;
  const recent = new Set<string>();
  let deliveries = 0;
  const remember = (eventId: string) => {
    recent.add(eventId);
    if (recent.size > RECENT_EVENT_IDS) {
      const oldest = recent.values().next().value;
      if (oldest !== undefined) recent.delete(oldest);
    }
  };
  return {
    firstDelivery(eventId) {
      if (recent.has(eventId)) return false;
      remember(eventId);
      const now = clock.now();
      const claimed = claimEventWithin(store, eventId, now, EVENT_RECORD_BUSY_TIMEOUT_MS);
      if (claimed === null) {
        log.warn({ eventId }, 'database busy: the Slack event id is remembered in memory only');
        return true;
      }
      deliveries += 1;
      if (deliveries % PRUNE_EVERY_EVENTS === 0)
        pruneEventsWithin(
          store,
          new Date(now.getTime() - EVENT_ID_RETENTION_MS),
          EVENT_RECORD_BUSY_TIMEOUT_MS,
        );
      return claimed;
    },
  };
}
