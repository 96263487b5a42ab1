// Question latency through the whole ask engine (parse → SQL → answer model) against the floor: the same
// figures from hand-written SQL on the same file.
import { fixedClock } from '../src/app/clock.js';
import { ANSWER_PAGE_CACHE_KIB } from '../src/ask/engine/answerThread.js';
import { askQuestion } from '../src/ask/index.js';
import { configSchema } from '../src/config/schema.js';
import { openReadOnlyStore } from '../src/db/open.js';
import { BENCH_NOW } from './org.js';
import { benchQuestions } from './questions.js';
import { TARGETS, withinFloorTarget } from './report.js';
import { percentile, round, timeAlternating } from './stats.js';

// Passes over every question (engine and floor) before any is timed.
const WARM_UP_PASSES = 3;

export interface AskFigure {
  question: string;
  shape: string;
  engineP50: number;
  engineP99: number;
  floorP50: number;
  floorP99: number;
  /** Engine p99 ÷ floor p99. */
  ratio: number;
  understood: boolean;
  /** Runs measured per side (fewer than asked when the time cap was reached). */
  runs: number;
}

export async function benchAsk(
  dbPath: string,
  runs: number,
  budgetSeconds: number,
  log: (line: string) => void,
): Promise<AskFigure[]> {
  // Opened as serve's answer thread opens it: read-only, with the thread's small page cache.
  const store = openReadOnlyStore(dbPath, { pageCacheKib: ANSWER_PAGE_CACHE_KIB });
  const config = configSchema.parse({ timezone: 'UTC' });
  const ctx = { store, config, clock: fixedClock(BENCH_NOW) };
  const out: AskFigure[] = [];
  try {
    const questions = benchQuestions();
    // Both sides warm up on every question first, as a serving process has once it answered a few: the first
    // runs of a fresh process compile code and fill caches, which is start-up, not an answer's latency.
    for (let pass = 0; pass < WARM_UP_PASSES; pass++) {
      for (const q of questions) {
        await askQuestion(ctx, q.text);
        q.floor(store.sqlite);
      }
    }
    const deadline = performance.now() + budgetSeconds * 1000;
    for (const [i, q] of questions.entries()) {
      // What is left of the budget, shared evenly by the questions still to come and their two sides.
      const secondsPerSide = Math.max(0, deadline - performance.now()) / 1000 / (questions.length - i) / 2;
      const answer = await askQuestion(ctx, q.text);
      // Engine and floor in turns, so a burst of load elsewhere on the machine falls on both alike.
      const [engine, floor] = await timeAlternating(
        runs,
        () => askQuestion(ctx, q.text),
        () => q.floor(store.sqlite),
        secondsPerSide * 2,
      );
      const figure: AskFigure = {
        question: q.text,
        shape: q.shape,
        engineP50: round(percentile(engine, 50)),
        engineP99: round(percentile(engine, 99)),
        floorP50: round(percentile(floor, 50)),
        floorP99: round(percentile(floor, 99)),
        ratio: round(percentile(engine, 99) / Math.max(percentile(floor, 99), 0.01)),
        understood: answer.understood,
        runs: Math.min(engine.length, floor.length),
      };
      const within = figure.engineP99 <= TARGETS.askP99Ms && withinFloorTarget(figure);
      log(
        `  ${q.text}: p50 ${figure.engineP50} ms, p99 ${figure.engineP99} ms (floor p99 ${figure.floorP99} ms)${within ? '' : ', missed'}`,
      );
      out.push(figure);
    }
  } finally {
    store.close();
  }
  return out;
}
