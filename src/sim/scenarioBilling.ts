// Scenario entries for the billing export: synthetic history (streams and spikes, standing in for resources that
// no longer exist), credits that arrive late, and the account's currency.

import { z } from 'zod';
import { currencyCode, labels } from './scenarioFields.js';

const billingStreamSchema = z.strictObject({
  project: z.string(),
  location: z.string(),
  skuId: z.string(),
  /** Average weekday cost before weekly seasonality and noise (USD list cost). */
  dailyCost: z.number().min(0),
  labels,
  /** Fraction of cost given back as (negative) credits; overrides billing.creditFraction. */
  creditFraction: z.number().min(0).max(1).optional(),
  /** Relative change per 30 days, e.g. 0.1 = +10% a month, so older days cost less. */
  growthPerMonth: z.number().default(0),
  /**
   * Bill this stream in another currency than billing.currency: what an export table holding two billing
   * accounts would show (a billing account has one currency).
   */
  currency: currencyCode.optional(),
});

const billingSpikeSchema = z.strictObject({
  daysAgo: z.number().int().min(1),
  project: z.string(),
  location: z.string(),
  skuId: z.string(),
  cost: z.number().min(0),
  labels,
});

// A credit Google applies to an old usage day, appended to the export long after the day (Google: rows are
// appended, never rewritten; credits and corrections of past usage arrive as new rows).
const lateCreditSchema = z.strictObject({
  /** The usage day it credits, this many days before the start. */
  daysAgo: z.number().int().min(1),
  project: z.string(),
  location: z.string(),
  skuId: z.string(),
  labels,
  /** USD amount given back (the row's credits are minus this). */
  amount: z.number().positive(),
  /** When the row is exported, in hours after the simulator's start (negative: before it). */
  arrivesInHours: z.number(),
});

export const billingSchema = z.strictObject({
  /**
   * The billing account's currency: every export row is in it (cost = USD list cost × the catalog's conversion
   * rate, catalog.conversionRates).
   */
  currency: currencyCode.default('USD'),
  /** Days of history before the start day. */
  days: z.number().int().min(1).max(800).default(90),
  seed: z.number().int().default(1),
  /** Weekend cost relative to weekdays. */
  weekendFactor: z.number().min(0).default(0.6),
  noise: z.number().min(0).max(1).default(0.08),
  creditFraction: z.number().min(0).max(1).default(0),
  /** Also bill the scenario's endpoints and jobs from their machine specs and the catalog prices. */
  includeResourceUsage: z.boolean().default(true),
  streams: z.array(billingStreamSchema).default([]),
  spikes: z.array(billingSpikeSchema).default([]),
  lateCredits: z.array(lateCreditSchema).default([]),
});

export type BillingSettings = z.output<typeof billingSchema>;
