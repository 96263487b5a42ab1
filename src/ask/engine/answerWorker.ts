// The answer thread: answers questions and App Home summaries from its own read-only connection to the database
// (WAL lets it read while serve and the sync write), so the Slack app's event loop only acknowledges and relays.
import { parentPort, workerData } from 'node:worker_threads';
import { fixedClock } from '../../app/clock.js';
import { openReadOnlyStore } from '../../db/connection.js';
import { askQuestion } from '../askQuestion.js';
import { buildHomeSummary } from '../home.js';
import type { AnswerReply, AnswerRequest, AnswerWorkerData } from './messages.js';

const data = workerData as AnswerWorkerData;
const store = openReadOnlyStore(data.dbPath, { pageCacheKib: data.pageCacheKib });

async function answer(request: AnswerRequest): Promise<AnswerReply> {
  if (data.hold) Atomics.wait(data.hold, 0, 0);
  const ctx = {
    store,
    config: data.config,
    clock: fixedClock(new Date(request.now)),
    ...(request.scope ? { scope: request.scope } : {}),
  };
  try {
    if (request.kind === 'home') return { id: request.id, ok: true, home: await buildHomeSummary(ctx) };
    return { id: request.id, ok: true, answer: await askQuestion(ctx, request.text) };
  } catch (err) {
    return { id: request.id, ok: false, error: (err as Error)?.message ?? String(err) };
  }
}

// One at a time, in the order asked: each answer is synchronous SQLite work.
let queue = Promise.resolve();
parentPort?.on('message', (request: AnswerRequest) => {
  queue = queue.then(async () => parentPort?.postMessage(await answer(request)));
});
