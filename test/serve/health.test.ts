// /healthz says more than "the database answers": a sync that has not succeeded for more than two sync periods
// (a hung Google call, a failing pass) makes it 503 with the reason, so the orchestrator and whoever watches it
// see it. Its answers never carry internal error text.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { cronPeriodMs, syncStaleness } from '../../src/serve/health.js';
import { type RunningServer, startServer } from '../../src/serve/serve.js';
import { type TempStore, tempStore } from '../report/support/seed.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

const MINUTE = 60_000;
const START = new Date('2026-11-02T10:00:00Z');
const at = (minutes: number) => new Date(START.getTime() + minutes * MINUTE);

describe('the sync period of a cron', () => {
  it.each([
    { cron: '*/15 * * * *', period: 15 },
    { cron: '5 * * * *', period: 60 },
    { cron: '0 */6 * * *', period: 360 },
    { cron: '30 2 * * *', period: 24 * 60 },
  ])('$cron → every $period min', ({ cron, period }) => {
    expect(cronPeriodMs(cron, 'UTC', at(7))).toBe(period * MINUTE);
  });

  it('null for a cron that fired at most once in the last eight days', () => {
    expect(cronPeriodMs('0 3 1 1 *', 'UTC', at(7))).toBeNull();
  });
});

describe('sync staleness', () => {
  const period = 15 * MINUTE;
  it.each([
    { name: 'a sync within two periods', lastSync: at(5), now: at(25), stale: null },
    { name: 'exactly two periods', lastSync: at(5), now: at(35), stale: null },
    {
      name: 'more than two periods',
      lastSync: at(5),
      now: at(52),
      stale: /^the last successful sync ended 47 min ago, more than two sync periods \(2 × 15 min\)$/,
    },
    { name: 'an old sync, but burnrate started recently', lastSync: at(-600), now: at(20), stale: null },
    {
      name: 'no sync since a start long ago',
      lastSync: null,
      now: at(31),
      stale: /^no sync has succeeded since burnrate started 31 min ago \(syncs are due every 15 min\)$/,
    },
  ])('$name', ({ lastSync, now, stale }) => {
    const reason = syncStaleness({
      lastSync: lastSync?.toISOString() ?? null,
      startedAt: START,
      now,
      periodMs: period,
    });
    if (stale === null) expect(reason).toBeNull();
    else expect(reason).toMatch(stale);
  });

  it('nothing is stale when no sync is expected (no Google, or no regular schedule)', () => {
    expect(syncStaleness({ lastSync: null, startedAt: START, now: at(10_000), periodMs: null })).toBeNull();
  });
});

describe('/healthz of a running server', () => {
  let slack: FakeSlack;
  let t: TempStore;
  let server: RunningServer | null = null;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(async () => {
    await slack.close();
  });
  afterEach(async () => {
    await server?.stop();
    server = null;
    t?.dispose();
  });

  async function serve(withSync: boolean) {
    t = tempStore();
    t.store.sqlite
      .prepare(
        "INSERT INTO sync_runs (pass_id, scope, started_at, ended_at, ok) VALUES ('p1', 'catalog', ?, ?, 1)",
      )
      .run(at(-1).toISOString(), at(0).toISOString());
    const clock = fixedClock(START);
    server = await startServer({
      config: configSchema.parse({ slack: { teamId: 'T0FAKE001' }, schedules: { sync: '*/15 * * * *' } }),
      env: readRuntimeEnv({
        SLACK_BOT_TOKEN: 'xoxb-test-token-123',
        SLACK_SIGNING_SECRET: 'test-signing-secret-456',
        SLACK_API_URL: slack.apiUrl,
      }),
      store: t.store,
      clock,
      log: createLogger({ level: 'silent' }),
      sync: withSync ? async () => {} : null,
      port: 0,
      startCrons: false,
      catchUp: false,
    });
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${server?.port}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    return { clock, health };
  }

  it('200 while syncs are recent; 503 with the reason once the last is older than two periods', async () => {
    const { clock, health } = await serve(true);
    clock.set(at(25));
    expect(await health()).toEqual({
      status: 200,
      body: { db: 'ok', lastSync: '2026-11-02T10:00:00.000Z', lastSyncAgeSeconds: 1500 },
    });
    clock.set(at(47));
    expect(await health()).toEqual({
      status: 503,
      body: {
        db: 'ok',
        lastSync: '2026-11-02T10:00:00.000Z',
        lastSyncAgeSeconds: 2820,
        reason: 'the last successful sync ended 47 min ago, more than two sync periods (2 × 15 min)',
      },
    });
  });

  it('without Google there is no sync to expect: 200', async () => {
    const { clock, health } = await serve(false);
    clock.set(at(600));
    expect((await health()).status).toBe(200);
  });

  it('a database that cannot be read: 503 with the reason, no internal error text', async () => {
    const { health } = await serve(true);
    t.store.sqlite.close();
    const down = await health();
    expect(down).toEqual({ status: 503, body: { db: 'error', reason: 'the database cannot be read' } });
  });
});
