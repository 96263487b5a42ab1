// The one cut-off between billed and estimated spend, used by spend figures, the forecast, budgets, the digest
// and App Home alike: days up to it come from the billing export, later days are estimated from catalog prices.

import { billingActualThrough } from '../db/queries/syncState.js';
import type { Conn } from '../db/rows.js';
import { addDays, type Day } from '../time/days.js';

/**
 * The last day the billing export is actual for (sync moves it as the export's export_time moves: see
 * src/domain/exportCutoff.ts), and never today or later — today's export is never complete. Null when no
 * billing data was ingested.
 */
export function actualThrough(conn: Conn, today: Day): Day | null {
  const day = billingActualThrough(conn);
  if (day === null) return null;
  return day < today ? day : addDays(today, -1);
}
