import { afterEach, describe, expect, it } from 'vitest';
import { eachDay } from '../../src/time/days.js';
import { insertBilling, setActualThrough, type TempStore, tempStore } from '../report/support/seed.js';
import { runCliCaptured } from '../support/cli.js';

let t: TempStore;
afterEach(() => t?.dispose());

async function cli(args: string[], dbPath: string) {
  const { code, stdout, stderr } = await runCliCaptured(args, {
    BURNRATE_DB: dbPath,
    BURNRATE_TIMEZONE: 'Europe/Berlin',
    LOG_LEVEL: 'silent',
  });
  return { code, out: stdout, err: stderr };
}

describe('burnrate digest', () => {
  it.each([
    {
      format: 'text',
      check: (out: string) => expect(out).toContain('Weekly ML spend: whole organization, 2026-W43'),
    },
    {
      format: 'json',
      check: (out: string) => {
        const d = JSON.parse(out) as {
          week: { week: string };
          total: { current: number };
          source: { actualThrough: string };
        };
        expect(d.week.week).toBe('2026-W43');
        expect(d.total.current).toBeCloseTo(7 * 123.45, 6);
        expect(d.source.actualThrough).toBe('2026-10-25');
      },
    },
    { format: 'blocks', check: (out: string) => expect(JSON.parse(out).blocks[0].type).toBe('header') },
  ])('--format $format for the week given', async ({ format, check }) => {
    t = tempStore();
    insertBilling(
      t.store,
      eachDay('2026-09-01', '2026-10-26').map((day) => ({ day, cost: 123.45 })),
    );
    setActualThrough(t.store, '2026-10-25');
    const dbPath = t.store.sqlite.name;
    const res = await cli(
      ['--now', '2026-11-20T10:00:00Z', 'digest', '--week', '2026-W43', '--format', format],
      dbPath,
    );
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    check(res.out);
  });

  it.each([
    {
      args: ['digest', '--week', '2026-W54'],
      message: '--week: found "2026-W54", expected an ISO week such as 2026-W43',
    },
    {
      args: ['digest', '--format', 'pdf'],
      message: '--format: found "pdf", expected one of text, json, blocks',
    },
    { args: ['digest', '--post'], message: '--post needs SLACK_BOT_TOKEN' },
  ])('exits 2 on $args', async ({ args, message }) => {
    t = tempStore();
    const res = await cli(args, t.store.sqlite.name);
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
  });
});
