// Answers computed off the Slack app's event loop: a worker thread (answerWorker.ts) with its own read-only
// database connection, started at the first question and restarted if it ever fails. A database that lives only
// in memory cannot be opened twice, so its questions are answered in this thread instead.
import { Worker } from 'node:worker_threads';
import { fixedClock } from '../../app/clock.js';
import type { Logger } from '../../app/logger.js';
import type { Config, Scope } from '../../config/schema.js';
import type { Store } from '../../db/open.js';
import type { HomeSummary } from '../home.js';
import type { Answer } from '../types.js';
import type { AnswerAsk, AnswerReply, AnswerWorkerData } from './messages.js';

export interface AnswerEngine {
  ask(text: string, scope: Scope | undefined, now: Date): Promise<Answer>;
  home(scope: Scope | undefined, now: Date): Promise<HomeSummary>;
  close(): Promise<void>;
}

export interface AnswerEngineOptions {
  store: Store;
  config: Config;
  log: Logger;
  /** Tests only: see AnswerWorkerData.hold. */
  hold?: Int32Array;
}

// The answer thread's heap: an answer over a large organisation (thousands of deployments, a year of billing
// rollups) uses some 30 MB (18 MB of it live); capped, the thread collects its garbage instead of growing into the bot's memory.
// An answer that cannot fit fails (and the thread restarts) rather than the bot running out of memory.
const ANSWER_HEAP_LIMITS = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 2 };
// A small page cache: the answers read rollups and a day of traffic, and the file's pages stay in the operating
// system's cache anyway; SQLite's own copy of them (16 MB by the driver's default) would be memory the bot keeps.
// The ask benchmark answers through a connection opened the same way.
export const ANSWER_PAGE_CACHE_KIB = 512;

/** The worker's module, beside this one (answerWorker.ts under tsx, answerWorker.js once built). */
function workerFile(): URL {
  return new URL(`./answerWorker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
}

/** The engine for a store: a worker thread for a database file, this thread for one in memory. */
export function answerEngine(opts: AnswerEngineOptions): AnswerEngine {
  const path = opts.store.sqlite.name;
  if (path === ':memory:' || path === '' || opts.store.sqlite.memory) return inThisThread(opts);
  return answerThread({ ...opts, dbPath: path });
}

function inThisThread(opts: AnswerEngineOptions): AnswerEngine {
  const ctx = (scope: Scope | undefined, now: Date) => ({
    store: opts.store,
    config: opts.config,
    clock: fixedClock(now),
    log: opts.log,
    ...(scope ? { scope } : {}),
  });
  // The engine is loaded here only when this thread answers: otherwise the answer thread holds it, not the bot.
  return {
    ask: async (text, scope, now) => (await import('../askQuestion.js')).askQuestion(ctx(scope, now), text),
    home: async (scope, now) => (await import('../home.js')).buildHomeSummary(ctx(scope, now)),
    close: async () => {},
  };
}

type Pending = { resolve(reply: AnswerReply): void; reject(err: Error): void };

function answerThread(opts: AnswerEngineOptions & { dbPath: string }): AnswerEngine {
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextId = 1;

  const start = (): Worker => {
    const data: AnswerWorkerData = {
      dbPath: opts.dbPath,
      pageCacheKib: ANSWER_PAGE_CACHE_KIB,
      config: opts.config,
      ...(opts.hold ? { hold: opts.hold } : {}),
    };
    const file = workerFile();
    // Built, the worker is plain JavaScript. From the TypeScript sources (tsx, tests) it needs tsx's loader, which
    // a worker does not inherit: a first script registers it in the worker's thread, then loads the worker.
    const started = file.pathname.endsWith('.ts')
      ? new Worker(
          `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
             .then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`,
          { eval: true, workerData: data, resourceLimits: ANSWER_HEAP_LIMITS },
        )
      : new Worker(file, { workerData: data, resourceLimits: ANSWER_HEAP_LIMITS });
    started.on('message', (reply: AnswerReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (err: Error) => {
      if (worker === started) worker = null;
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(err);
      }
    };
    started.on('error', (err) => {
      opts.log.error({ err: err.message }, 'the answer thread failed; it restarts at the next question');
      fail(err);
    });
    started.on('exit', (code) => fail(new Error(`the answer thread stopped (exit code ${code})`)));
    return started;
  };

  const request = (body: AnswerAsk): Promise<AnswerReply> =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });

  return {
    async ask(text, scope, now) {
      const reply = await request({
        kind: 'question',
        text,
        now: now.toISOString(),
        ...(scope ? { scope } : {}),
      });
      if (!reply.ok) throw new Error(reply.error);
      if (!('answer' in reply)) throw new Error('the answer thread sent no answer');
      return reply.answer;
    },
    async home(scope, now) {
      const reply = await request({ kind: 'home', now: now.toISOString(), ...(scope ? { scope } : {}) });
      if (!reply.ok) throw new Error(reply.error);
      if (!('home' in reply)) throw new Error('the answer thread sent no summary');
      return reply.home;
    },
    async close() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}
