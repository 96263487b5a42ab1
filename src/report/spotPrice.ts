import type { JobFacts } from '../audit/facts.js';
import type { Store } from '../db/open.js';
import { loadPriceBook } from '../pricing/storedPriceBook.js';

/** Hourly price of the same job shape on Spot VMs, from the catalog; null when unknown. */
export type SpotPricer = (job: JobFacts) => number | null;

/**
 * Spot price of a job's shape from the catalog in effect at `at`: the stored (standard) job price scaled by the
 * Spot/standard ratio of its main machine, so multi-pool jobs keep their stored total's proportions.
 */
export function catalogSpotPricer(store: Store, at: Date, currency: string): SpotPricer {
  const book = loadPriceBook(store.sqlite, at, currency);
  return (job: JobFacts) => {
    if (job.hourlyPrice === null) return null;
    const machine = {
      machineType: job.machineType,
      acceleratorType: job.acceleratorType,
      acceleratorCount: job.acceleratorCount,
    };
    const standard = book.machineHourly({
      machine,
      region: job.region,
      use: 'training',
      provisioning: 'on-demand',
    });
    const spot = book.machineHourly({ machine, region: job.region, use: 'training', provisioning: 'spot' });
    if (!standard.priced || !spot.priced || standard.hourly <= 0) return null;
    return job.hourlyPrice * (spot.hourly / standard.hourly);
  };
}
