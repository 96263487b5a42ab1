import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../src/ask/parse/index.js';
import { previousPeriod } from '../../src/ask/periods.js';
import { dayInZone } from '../../src/time/days.js';

const base = { labelKeys: ['team'], projects: [] };
const period = (q: string, today: string) => {
  const p = parseQuestion(q, { ...base, today }).period;
  return p ? [p.start, p.end] : null;
};

describe('period semantics (docs/asking.md, Periods)', () => {
  it.each([
    // [question, today, start, end]
    ['spend this month', '2026-11-28', '2026-11-01', '2026-11-29'],
    ['spend', '2026-11-28', '2026-11-01', '2026-11-29'],
    ['spend this month', '2026-11-01', '2026-11-01', '2026-11-02'],
    ['spend last month', '2026-01-15', '2025-12-01', '2026-01-01'],
    ['spend last month', '2026-03-31', '2026-02-01', '2026-03-01'],
    ['spend this week', '2026-11-23', '2026-11-23', '2026-11-24'], // Monday
    ['spend this week', '2026-11-29', '2026-11-23', '2026-11-30'], // Sunday
    ['spend last week', '2026-01-01', '2025-12-22', '2025-12-29'],
    ['spend last week', '2026-11-23', '2026-11-16', '2026-11-23'],
    ['spend yesterday', '2026-03-01', '2026-02-28', '2026-03-01'],
    ['spend yesterday', '2024-03-01', '2024-02-29', '2024-03-01'],
    ['spend today', '2026-12-31', '2026-12-31', '2027-01-01'],
    ['spend last 7 days', '2026-03-03', '2026-02-24', '2026-03-03'],
    ['spend past 1 day', '2026-11-28', '2026-11-27', '2026-11-28'],
    ['spend this quarter', '2026-11-28', '2026-10-01', '2026-11-29'],
    ['spend this quarter', '2026-01-01', '2026-01-01', '2026-01-02'],
    ['spend last quarter', '2026-01-01', '2025-10-01', '2026-01-01'],
    ['spend last quarter', '2026-05-10', '2026-01-01', '2026-04-01'],
    ['spend in Q4', '2026-05-10', '2025-10-01', '2026-01-01'], // Q4 of this year lies ahead
    ['spend in Q2', '2026-05-10', '2026-04-01', '2026-07-01'], // the current quarter is this year's
    ['spend in Q1', '2026-05-10', '2026-01-01', '2026-04-01'],
    ['spend this year', '2026-01-01', '2026-01-01', '2026-01-02'],
    ['spend ytd', '2026-11-28', '2026-01-01', '2026-11-29'],
    ['spend last year', '2026-01-01', '2025-01-01', '2026-01-01'],
    ['spend in December', '2026-01-05', '2025-12-01', '2026-01-01'], // future this year → last year
    ['spend in January', '2026-01-05', '2026-01-01', '2026-02-01'],
    ['spend in November', '2026-11-28', '2026-11-01', '2026-12-01'],
    ['spend in February 2024', '2026-11-28', '2024-02-01', '2024-03-01'],
    ['spend since Dec 30', '2026-01-02', '2025-12-30', '2026-01-03'],
    ['spend between Feb 27 and Mar 2', '2024-06-01', '2024-02-27', '2024-03-03'],
    ['spend from Mar 2 to Feb 27', '2024-06-01', '2024-02-27', '2024-03-03'],
  ])('%s on %s → [%s, %s)', (q, today, start, end) => {
    expect(period(q, today)).toEqual([start, end]);
  });

  it('previous period of equal length: days, weeks and whole months', () => {
    expect(previousPeriod({ start: '2026-11-16', end: '2026-11-23' })).toEqual({
      start: '2026-11-09',
      end: '2026-11-16',
    });
    expect(previousPeriod({ start: '2026-03-01', end: '2026-04-01' })).toEqual({
      start: '2026-02-01',
      end: '2026-03-01',
    });
    expect(previousPeriod({ start: '2026-10-01', end: '2027-01-01' })).toEqual({
      start: '2026-07-01',
      end: '2026-10-01',
    });
    expect(previousPeriod({ start: '2026-11-01', end: '2026-11-29' })).toEqual({
      start: '2026-10-04',
      end: '2026-11-01',
    });
  });

  it.each([
    // Just after local midnight on DST-change days: "today" is the local day, so periods follow the zone.
    ['Europe/Berlin', '2026-03-29T22:30:00Z', '2026-03-30'], // CEST (UTC+2) began that Sunday
    ['Europe/Berlin', '2026-03-28T23:30:00Z', '2026-03-29'], // CET (UTC+1), the DST Sunday itself
    ['Europe/Berlin', '2026-10-24T22:30:00Z', '2026-10-25'], // the fall-back Sunday
    ['America/New_York', '2026-03-08T04:30:00Z', '2026-03-07'], // 23:30 EST, before the spring-forward
    ['America/New_York', '2026-03-09T04:30:00Z', '2026-03-09'], // 00:30 EDT
    ['America/New_York', '2026-11-01T04:30:00Z', '2026-11-01'], // 00:30 EDT on the fall-back Sunday
    ['America/New_York', '2026-11-02T04:30:00Z', '2026-11-01'], // 23:30 EST
  ])('%s at %s is local day %s', (zone, instant, day) => {
    const today = dayInZone(new Date(instant), zone);
    expect(today).toBe(day);
    expect(period('spend yesterday', today)?.[1]).toBe(day);
    expect(period('spend today', today)?.[0]).toBe(day);
  });
});
