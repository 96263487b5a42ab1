import { describe, expect, it } from 'vitest';
import { addDays, dayInZone, eachDay, startOfDayInZone } from '../../src/time/days.js';

describe('calendar days in a time zone', () => {
  it.each([
    ['2026-11-28T09:00:00Z', 'UTC', '2026-11-28'],
    ['2026-11-28T23:30:00Z', 'Europe/Berlin', '2026-11-29'],
    ['2026-11-28T03:00:00Z', 'America/Los_Angeles', '2026-11-27'],
    ['2026-11-28T15:00:00Z', 'Asia/Tokyo', '2026-11-29'],
  ])('%s is %s … %s', (at, zone, day) => {
    expect(dayInZone(new Date(at), zone)).toBe(day);
  });

  it.each([
    ['2026-11-28', 'UTC', '2026-11-28T00:00:00.000Z'],
    ['2026-11-28', 'Europe/Berlin', '2026-11-27T23:00:00.000Z'],
    ['2026-07-01', 'Europe/Berlin', '2026-06-30T22:00:00.000Z'],
    // The day daylight saving time starts in Berlin begins at the winter offset.
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
  ])('%s starts in %s at %s', (day, zone, instant) => {
    expect(startOfDayInZone(day, zone).toISOString()).toBe(instant);
  });

  it('counts calendar days', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(eachDay('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(eachDay('2026-11-29', '2026-11-29')).toEqual([]);
  });
});
