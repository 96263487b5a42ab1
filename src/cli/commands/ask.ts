import type { Command } from 'commander';
import { askQuestion, toAskJson } from '../../ask/index.js';
import { UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

export const askCommand: CommandSpec = {
  name: 'ask',
  summary: 'answer a question with the same engine as Slack',
  configure(cmd: Command) {
    cmd
      .argument('[question...]', 'the question, e.g. "how much did we spend on training last week?"')
      .option('--json', 'print the answer as one JSON object (fields in docs/asking.md)');
  },
  async run(ctx, opts, args) {
    const question = args.join(' ').trim();
    if (!question) {
      throw new UsageError('ask: expected a question, e.g. burnrate ask "how much did we spend last week?"');
    }
    const answer = await askQuestion(
      { store: ctx.store(), config: ctx.config, clock: ctx.clock, log: ctx.log },
      question,
    );
    ctx.print(opts.json ? JSON.stringify(toAskJson(answer)) : answer.text);
    return 0;
  },
};
