// The jobs of one project and region, read cheaply. The first time, and every `google.jobLists.fullEveryHours`,
// every job is listed (and stored jobs missing from the list are marked gone: deleted in Google). In between,
// each list asks Google only for jobs that may have changed since the last list (minus a margin): pipeline jobs
// updated since, other kinds created since or still in a non-final state — those kinds cannot filter on update
// time, so a job that was running at the last list and has finished since matches neither, and is read by name.

import type Database from 'better-sqlite3';
import type { Config } from '../config/schema.js';
import { markJobGone, storedJobsOf } from '../db/queries/jobs.js';
import { jobsFullListAtKey, jobsListedAtKey, readKv, writeKv } from '../db/queries/syncState.js';
import { inTransaction } from '../db/rows.js';
import { FINISHED_JOB_STATES } from '../domain/jobs.js';
import type { VertexApi } from '../gcp/api.js';
import type { VertexJob } from '../gcp/types.js';
import type { PriceBook } from '../pricing/priceBook.js';
import { forEachLimited } from './concurrency.js';
import { writeJobs } from './writeJobs.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
// Reads by name of jobs that finished since the last list, in flight at once within one region.
const GETS_AT_ONCE = 4;

export interface JobsCollected {
  /** Jobs Google answered with (listed or read by name). */
  seen: number;
  /** Rows written, gone marks included. */
  written: number;
  /** Whether this pass listed every job. */
  full: boolean;
}

export async function collectJobs(
  deps: { vertex: Pick<VertexApi, 'listJobs' | 'getJob'>; sqlite: Database.Database; config: Config },
  scope: { project: string; region: string },
  prices: PriceBook,
  now: Date,
): Promise<JobsCollected> {
  const { vertex, sqlite, config } = deps;
  const { project, region } = scope;
  const nowIso = now.toISOString();
  const listedAt = readKv(sqlite, jobsListedAtKey(project, region));
  const fullAt = readKv(sqlite, jobsFullListAtKey(project, region));
  const { fullEveryHours, overlapMinutes } = config.google.jobLists;
  const full =
    listedAt === null || fullAt === null || now.getTime() - Date.parse(fullAt) >= fullEveryHours * HOUR_MS;

  const stored = storedJobsOf(sqlite, project, region).filter((job) => job.goneAt === null);
  let jobs: VertexJob[];
  const gone: string[] = [];
  if (full) {
    jobs = await vertex.listJobs(project, region);
    const listed = new Set(jobs.map((job) => job.name));
    for (const job of stored) if (!listed.has(job.name)) gone.push(job.name);
  } else {
    const since = new Date(Date.parse(listedAt) - overlapMinutes * MINUTE_MS).toISOString();
    jobs = await vertex.listJobs(project, region, { changedSince: since });
    const listed = new Set(jobs.map((job) => job.name));
    // Pipeline jobs are listed by update time, so one that did not come back has not changed.
    const unaccounted = stored.filter(
      (job) => !FINISHED_JOB_STATES.has(job.state) && job.kind !== 'pipeline' && !listed.has(job.name),
    );
    const failures: unknown[] = [];
    await forEachLimited(unaccounted, GETS_AT_ONCE, async (job) => {
      try {
        const current = await vertex.getJob(job.name, project);
        if (current) jobs.push(current);
        else gone.push(job.name);
      } catch (err) {
        failures.push(err);
      }
    });
    // Nothing is written and the watermark stays: the next pass asks again.
    if (failures.length > 0) throw failures[0];
  }

  let written = writeJobs(sqlite, scope, jobs, prices, nowIso);
  written += inTransaction(sqlite, () => {
    const marked = gone.reduce((n, name) => n + markJobGone(sqlite, name, nowIso), 0);
    // The watermarks move only once everything read is written: a pass stopped before this reads it again.
    writeKv(sqlite, jobsListedAtKey(project, region), nowIso, nowIso);
    if (full) writeKv(sqlite, jobsFullListAtKey(project, region), nowIso, nowIso);
    return marked;
  });
  return { seen: jobs.length, written, full };
}
