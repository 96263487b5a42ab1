import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { runCli } from '../../src/cli/program.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { type RunningServer, startServer } from '../../src/serve/serve.js';
import { eachDay } from '../../src/time/days.js';
import { insertBilling, setActualThrough, type TempStore, tempStore } from '../report/support/seed.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

const log = createLogger({ level: 'silent' });
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
  slack.clear();
  t?.dispose();
});

const config = configSchema.parse({
  timezone: 'Europe/Berlin',
  slack: { teamId: 'T0FAKE001', channels: [{ id: 'C0DIGEST1', name: 'ml-costs', digest: true }] },
});

function env() {
  return readRuntimeEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token-123',
    SLACK_SIGNING_SECRET: 'test-signing-secret-456',
    SLACK_API_URL: slack.apiUrl,
  });
}

async function serve(now: string) {
  const clock = fixedClock(new Date(now));
  server = await startServer({
    config,
    env: env(),
    store: t.store,
    clock,
    log,
    sync: null,
    port: 0,
    startCrons: false,
  });
  return { server, clock };
}

describe('burnrate serve', () => {
  it('/healthz: 200 with the last sync, 503 when the database cannot be read', async () => {
    t = tempStore();
    t.store.sqlite
      .prepare(
        "INSERT INTO sync_runs (pass_id, scope, started_at, ended_at, ok) VALUES ('p1', 'catalog', ?, ?, 1)",
      )
      .run('2026-11-02T09:59:00.000Z', '2026-11-02T10:00:00.000Z');
    const { server: s } = await serve('2026-11-02T10:05:00Z');
    const ok = await fetch(`http://127.0.0.1:${s.port}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      db: 'ok',
      lastSync: '2026-11-02T10:00:00.000Z',
      lastSyncAgeSeconds: 300,
    });

    t.store.sqlite.close();
    const down = await fetch(`http://127.0.0.1:${s.port}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ db: 'error' });
  });

  it('/healthz says lastSync null before the first sync', async () => {
    t = tempStore();
    const { server: s } = await serve('2026-11-02T10:05:00Z');
    const res = await fetch(`http://127.0.0.1:${s.port}/healthz`);
    expect(await res.json()).toEqual({ db: 'ok', lastSync: null, lastSyncAgeSeconds: null });
  });

  it('stop waits for a remediation still waiting on Google before the database closes', async () => {
    t = tempStore();
    const { server: s } = await serve('2026-11-02T10:05:00Z');
    let finished = false;
    s.slack.deps.inFlight.track(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          finished = true;
          resolve();
        }, 300),
      ),
    );
    const result = await s.stop();
    expect(finished).toBe(true);
    expect(result.unfinishedJobs).toEqual([]);
  });

  it('stop gives running jobs and remediations one bound together, and tells remediations to stop waiting', async () => {
    t = tempStore();
    const clock = fixedClock(new Date('2026-11-02T10:05:00Z'));
    server = await startServer({
      config,
      env: env(),
      store: t.store,
      clock,
      log,
      // A sync that never ends (a Google call without an answer).
      sync: () => new Promise<void>(() => {}),
      port: 0,
      startCrons: false,
      catchUp: false,
      stopTimeoutMs: 1_000,
    });
    void server.scheduler.tick('sync');
    const inFlight = server.slack.deps.inFlight;
    // One remediation that never settles, one that ends (and records its outcome) when told the process stops.
    inFlight.track(new Promise<void>(() => {}));
    inFlight.track(
      new Promise<void>((resolve) =>
        inFlight.signal.addEventListener('abort', () => resolve(), { once: true }),
      ),
    );
    const started = Date.now();
    const result = await server.stop();
    const elapsed = Date.now() - started;
    expect(result.unfinishedJobs).toEqual(['sync', '1 remediation(s)']);
    // Both waits share the bound (one after the other would take at least twice as long).
    expect(elapsed).toBeLessThan(1_900);
  });

  it('sends a digest missed while down once on start, and not again on the next start', async () => {
    t = tempStore();
    insertBilling(
      t.store,
      eachDay('2026-08-24', '2026-10-26').map((day) => ({ day, cost: 250, labels: { team: 'vision' } })),
    );
    setActualThrough(t.store, '2026-10-25');
    // Wednesday after the Monday 09:00 digest.
    const first = await serve('2026-10-28T12:00:00Z');
    await first.server.caughtUp;
    const posts = slack.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.args.text)).toContain('2026-W43');
    await slack.waitFor('files.completeUploadExternal');
    await server?.stop();
    server = null;

    slack.clear();
    const second = await serve('2026-10-28T13:00:00Z');
    await second.server.caughtUp;
    expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
    const runs = t.store.sqlite.prepare("SELECT outcome FROM schedule_runs WHERE job = 'digest'").all();
    expect(runs).toEqual([{ outcome: 'ok' }]);
  });

  it('exits 2 naming the missing Slack variables', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['serve'], {
      env: { BURNRATE_DB: ':memory:' },
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
    });
    expect(code).toBe(2);
    expect(err.join('')).toContain('SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET');
  });
});
