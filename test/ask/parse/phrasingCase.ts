// What a row of the phrasing table says: a question and the parse it must give, on Saturday 2026-11-28.
import type { Dimension, Intent } from '../../../src/ask/types.js';

export const ctx = {
  today: '2026-11-28',
  labelKeys: ['team', 'env', 'model'],
  projects: ['ml-prod', 'ml-dev'],
};
export const MTD = ['2026-11-01', '2026-11-29'];
export const LAST_WEEK = ['2026-11-16', '2026-11-23'];
export const THIS_WEEK = ['2026-11-23', '2026-11-29'];
export const LAST_MONTH = ['2026-10-01', '2026-11-01'];
export const YESTERDAY = ['2026-11-27', '2026-11-28'];
export const TODAY = ['2026-11-28', '2026-11-29'];
export const LAST_30 = ['2026-10-29', '2026-11-28'];
export const LAST_7 = ['2026-11-21', '2026-11-28'];

export interface Case {
  q: string;
  intent: Intent;
  period?: string[] | null;
  groupBy?: Dimension[];
  filters?: Record<string, unknown>;
  topN?: number;
  subject?: string;
  /** The period compared with (compare questions). */
  comparison?: string[];
  /** A rate per day rather than a total (spend, top and compare questions; false unless given). */
  perDay?: boolean;
  understood?: boolean;
  /** Tokens as the measure; money unless given. */
  measure?: 'cost' | 'tokens';
  /** What a unit cost is per; 1k predictions unless given. */
  per?: 'predictions' | 'tokens';
}
