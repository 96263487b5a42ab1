// When the simulated export appends a row. Google: services report usage "at varying intervals", the export runs
// "at regular intervals" with no latency guarantee, costs are "typically ... available within a day, but can
// sometimes take more than 24 hours", and a row once exported is never rewritten (export_time "will always
// increase with each new export"). The simulator follows that with fixed numbers (docs/simulator.md):
// usage is billed in 6-hour blocks, each reaches the export 8 hours after it ends at the next 4-hourly append,
// and a share of every day arrives late, 20 hours after the day ends.

import { DAY_MS, HOUR_MS } from './clock.js';

/** Usage is aggregated per block of this many hours of its day (UTC). */
export const BLOCK_HOURS = 6;
/** The export appends a batch every this many hours, on the hour (UTC). */
const EXPORT_EVERY_HOURS = 4;
/** Hours from the end of a usage block until its cost is ready for the next append. */
const PROCESSING_HOURS = 8;
/** Share of each day's cost that is reported late, and when (hours after the day ends). */
export const LATE_SHARE = 0.04;
const LATE_AFTER_HOURS = 20;

const ceilTo = (ms: number, stepMs: number) => Math.ceil(ms / stepMs) * stepMs;

export function blockStart(ms: number): number {
  return Math.floor(ms / (BLOCK_HOURS * HOUR_MS)) * BLOCK_HOURS * HOUR_MS;
}

/** export_time of the usage of the block starting at `blockStartMs`. */
export function blockExportMs(blockStartMs: number): number {
  return ceilTo(blockStartMs + (BLOCK_HOURS + PROCESSING_HOURS) * HOUR_MS, EXPORT_EVERY_HOURS * HOUR_MS);
}

/** export_time of the late-reported share of the day starting at `dayStartMs`. */
export function lateExportMs(dayStartMs: number): number {
  return ceilTo(dayStartMs + DAY_MS + LATE_AFTER_HOURS * HOUR_MS, EXPORT_EVERY_HOURS * HOUR_MS);
}

/** The export's ingestion-time partition of a row: the UTC day of its export_time, as midnight. */
export function partitionMs(exportMs: number): number {
  return Math.floor(exportMs / DAY_MS) * DAY_MS;
}
