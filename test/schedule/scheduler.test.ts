import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { cronMatcher, lastDueAt } from '../../src/schedule/due.js';
import { createScheduler, type JobDefinition, recentRuns } from '../../src/schedule/scheduler.js';
import { type TempStore, tempStore } from '../report/support/seed.js';

const log = createLogger({ level: 'silent' });
let t: TempStore;
afterEach(() => t?.dispose());

/** A job whose runs stay open until released, to provoke overlap deterministically. */
function gatedJob(name: string, cron: string, extra: Partial<JobDefinition> = {}) {
  const runs: Date[] = [];
  let release: () => void = () => undefined;
  const job: JobDefinition = {
    name,
    cron,
    run: ({ scheduledFor }) => {
      runs.push(scheduledFor);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    ...extra,
  };
  return { job, runs, release: () => release() };
}

describe('due times from cron expressions in the configured time zone', () => {
  it.each([
    { tz: 'Europe/Berlin', now: '2026-10-28T12:00:00Z', due: '2026-10-26T08:00:00.000Z' }, // CET after DST end
    { tz: 'Europe/Berlin', now: '2026-10-21T12:00:00Z', due: '2026-10-19T07:00:00.000Z' }, // CEST
    { tz: 'America/New_York', now: '2026-11-02T13:59:00Z', due: '2026-10-26T13:00:00.000Z' }, // not yet 09:00 EST
    { tz: 'America/New_York', now: '2026-11-02T14:00:00Z', due: '2026-11-02T14:00:00.000Z' },
  ])('Monday 09:00 in $tz, now $now → $due', ({ tz, now, due }) => {
    expect(lastDueAt(cronMatcher('0 9 * * 1', tz), new Date(now), 8 * 86_400_000)?.toISOString()).toBe(due);
  });
});

describe('scheduler', () => {
  it('never overlaps a job with itself: a tick during a run is recorded as skipped', async () => {
    t = tempStore();
    const clock = fixedClock(new Date('2026-11-02T10:00:00Z'));
    const sync = gatedJob('sync', '*/15 * * * *');
    const scheduler = createScheduler([sync.job], { store: t.store, clock, log, timezone: 'UTC' });
    const first = scheduler.tick('sync', new Date('2026-11-02T10:00:00Z'));
    clock.advance(15 * 60_000);
    expect(await scheduler.tick('sync', new Date('2026-11-02T10:15:00Z'))).toBe('skipped');
    expect(scheduler.running()).toEqual(['sync']);
    sync.release();
    expect(await first).toBe('ok');
    clock.advance(15 * 60_000);
    const third = scheduler.tick('sync', new Date('2026-11-02T10:30:00Z'));
    sync.release();
    expect(await third).toBe('ok');
    expect(sync.runs).toHaveLength(2);

    const history = recentRuns(t.store, 'sync').reverse();
    expect(history.map((r) => [r.scheduledFor, r.outcome])).toEqual([
      ['2026-11-02T10:00:00.000Z', 'ok'],
      ['2026-11-02T10:15:00.000Z', 'skipped'],
      ['2026-11-02T10:30:00.000Z', 'ok'],
    ]);
    expect(history[0]).toMatchObject({
      startedAt: '2026-11-02T10:00:00.000Z',
      endedAt: '2026-11-02T10:15:00.000Z',
    });
    expect(history[1]!.error).toContain('still in progress');
  });

  it('records failures with their error and keeps going', async () => {
    t = tempStore();
    const clock = fixedClock(new Date('2026-11-02T10:00:00Z'));
    let calls = 0;
    const scheduler = createScheduler(
      [
        {
          name: 'audit',
          cron: '5 * * * *',
          run: async () => {
            calls += 1;
            if (calls === 1) throw new Error('database is locked');
          },
        },
      ],
      { store: t.store, clock, log, timezone: 'UTC' },
    );
    expect(await scheduler.tick('audit')).toBe('failed');
    expect(await scheduler.tick('audit')).toBe('ok');
    const [latest, failed] = recentRuns(t.store, 'audit');
    expect(failed).toMatchObject({ outcome: 'failed', error: 'database is locked' });
    expect(latest).toMatchObject({ outcome: 'ok', error: null });
  });

  it('catches up a digest missed while stopped exactly once, in the right week', async () => {
    t = tempStore();
    // Down over Monday 09:00 (Berlin); started again on Wednesday.
    const clock = fixedClock(new Date('2026-10-28T12:00:00Z'));
    const fired: string[] = [];
    const digest: JobDefinition = {
      name: 'digest',
      cron: '0 9 * * 1',
      catchUp: true,
      run: async ({ scheduledFor }) => {
        fired.push(scheduledFor.toISOString());
      },
    };
    const other: JobDefinition = { name: 'audit', cron: '5 * * * *', run: async () => undefined };
    const deps = { store: t.store, clock, log, timezone: 'Europe/Berlin' };
    const first = await createScheduler([digest, other], deps).catchUp();
    expect(first).toEqual([{ job: 'digest', scheduledFor: '2026-10-26T08:00:00.000Z', outcome: 'ok' }]);
    // A second restart the same week finds the run recorded and does nothing.
    clock.advance(3_600_000);
    expect(await createScheduler([digest, other], deps).catchUp()).toEqual([]);
    expect(fired).toEqual(['2026-10-26T08:00:00.000Z']);
    // Next Monday's run is due again after it passes.
    clock.set(new Date('2026-11-02T08:30:00Z'));
    expect((await createScheduler([digest], deps).catchUp()).map((r) => r.scheduledFor)).toEqual([
      '2026-11-02T08:00:00.000Z',
    ]);
  });

  it('marks runs left "running" by a crash as failed on start', async () => {
    t = tempStore();
    t.store.sqlite
      .prepare(
        "INSERT INTO schedule_runs (job, scheduled_for, started_at, outcome) VALUES ('sync', ?, ?, 'running')",
      )
      .run('2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.000Z');
    const clock = fixedClock(new Date('2026-11-02T11:00:00Z'));
    await createScheduler([], { store: t.store, clock, log, timezone: 'UTC' }).catchUp();
    expect(recentRuns(t.store, 'sync')[0]).toMatchObject({
      outcome: 'failed',
      endedAt: '2026-11-02T11:00:00.000Z',
    });
  });

  it('stop() waits for a running job, within a bound', async () => {
    t = tempStore();
    const clock = fixedClock(new Date('2026-11-02T10:00:00Z'));
    const slow = gatedJob('sync', '*/15 * * * *');
    const scheduler = createScheduler([slow.job], { store: t.store, clock, log, timezone: 'UTC' });
    scheduler.start();
    const run = scheduler.tick('sync');
    const stopping = scheduler.stop(5_000);
    // Ticks after stop began are skipped, not started.
    expect(await scheduler.tick('sync')).toBe('skipped');
    setTimeout(() => slow.release(), 50);
    expect(await stopping).toEqual([]);
    expect(await run).toBe('ok');

    const stuck = gatedJob('sync', '*/15 * * * *');
    const s2 = createScheduler([stuck.job], { store: t.store, clock, log, timezone: 'UTC' });
    void s2.tick('sync');
    expect(await s2.stop(50)).toEqual(['sync']);
    stuck.release();
  });
});
