// Dates far outside any billing history ("cost on 9999-12-31") get a clear reply naming the date and the dates
// burnrate answers for, never a crash; dates at the edges of that range still work.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../src/ask/index.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore } from '../../src/db/open.js';
import { runCliCaptured } from '../support/cli.js';

const NOW = '2026-11-28T09:00:00Z';
const RANGE = /supported dates are 2000-01-01 to 2999-12-31/;

async function ask(question: string) {
  const store = openStore(':memory:');
  try {
    return await askQuestion(
      { store, config: configSchema.parse({}), clock: fixedClock(new Date(NOW)) },
      question,
    );
  } finally {
    store.close();
  }
}

describe('dates outside the supported range', () => {
  it.each([
    ['cost on 9999-12-31', /9999-12-31/],
    ['cost in december 9999', /december 9999/i],
    ['spend since 1999-12-31', /1999-12-31/],
    ['spend between Jan 1 1970 and Jan 5 1970', /Jan 1 1970|1970-01-01/],
    ['spend in Q4 3000', /q4 3000/i],
    ['spend on Dec 31 2999 and then some', null],
  ])('%s', async (question, named) => {
    const answer = await ask(question);
    if (named === null) {
      expect(answer.period).toEqual({ start: '2999-12-31', end: '3000-01-01' });
      return;
    }
    expect(answer.understood).toBe(false);
    expect(answer.text).toMatch(named);
    expect(answer.text).toMatch(RANGE);
    expect(toAskJson(answer).understood).toBe(false);
  });

  it.each([['cost on 9999-12-31'], ['cost in december 9999']])(
    'burnrate ask "%s": exit 0, says why',
    async (q) => {
      const { code, stdout, stderr } = await runCliCaptured(['--now', NOW, 'ask', q], {
        BURNRATE_DB: ':memory:',
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toMatch(RANGE);
    },
  );
});
