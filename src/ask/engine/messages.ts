// What the answer thread is asked and what it answers (src/ask/engine/answerThread.ts, answerWorker.ts).
import type { Config, Scope } from '../../config/schema.js';
import type { HomeSummary } from '../home.js';
import type { Answer } from '../types.js';

/** A question (or App Home's summary) as of `now`, within a channel's scope. */
export type AnswerAsk =
  | { kind: 'question'; text: string; scope?: Scope; now: string }
  | { kind: 'home'; scope?: Scope; now: string };

export type AnswerRequest = AnswerAsk & { id: number };

export type AnswerReply =
  | { id: number; ok: true; answer: Answer }
  | { id: number; ok: true; home: HomeSummary }
  | { id: number; ok: false; error: string };

/** What the thread starts with. */
export interface AnswerWorkerData {
  dbPath: string;
  /** SQLite's page cache of the thread's connection, in KiB. */
  pageCacheKib: number;
  config: Config;
  /**
   * Tests only: while element 0 is 0 the thread waits before each answer (Atomics.wait), so a test can hold an
   * answer "being computed" for as long as it likes without timing anything.
   */
  hold?: Int32Array;
}
