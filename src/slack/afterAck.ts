// After acknowledging, a handler's database work and Slack calls wait until Slack's requests stop arriving for a
// moment. SQLite calls are synchronous and every reply is an HTTP call made on this event loop, so without the
// wait a burst of clicks (twenty people pressing one alert's button) is acknowledged one click's claim, re-check
// and replies at a time; with it, every request of the burst is acknowledged first, and the work follows some
// milliseconds later — nobody sees that, while Slack shows an error after 3 s without an acknowledgement.
import { setTimeout as sleepMs } from 'node:timers/promises';

// Requests of one burst arrive within milliseconds of each other; a gap this long ends the burst.
const QUIET_MS = 10;
// However busy Slack keeps the bot, a click's work waits no longer than this.
const MOST_WAIT_MS = 1_000;

export interface AckFirst {
  /** Called as each Slack request starts being handled. */
  noteRequest(): void;
  /** Resolves once no request has arrived for QUIET_MS (or after MOST_WAIT_MS in all). */
  afterAck(): Promise<void>;
}

export function ackFirst(
  opts: { now?: () => number; sleep?: (ms: number) => Promise<unknown> } = {},
): AckFirst {
  const now = opts.now ?? (() => performance.now());
  const sleep = opts.sleep ?? sleepMs;
  let lastRequest = Number.NEGATIVE_INFINITY;
  return {
    noteRequest() {
      lastRequest = now();
    },
    async afterAck() {
      const started = now();
      for (;;) {
        await sleep(QUIET_MS);
        const at = now();
        if (at - lastRequest >= QUIET_MS || at - started >= MOST_WAIT_MS) return;
      }
    },
  };
}
