#!/usr/bin/env node
import { reportBackgroundFailure } from './app/backgroundFailure.js';
import { runCli } from './cli/program.js';
import { googleConfigured, readRuntimeEnv, slackConfigured } from './config/env.js';

// A rejected promise nobody awaited (a client library's background work) must not take the bot down: say so.
process.on('unhandledRejection', (reason) => {
  reportBackgroundFailure(reason, process.env, (text) => process.stderr.write(text));
});

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  defaultCommand: (env) => {
    const runtime = readRuntimeEnv(env);
    return slackConfigured(runtime) && googleConfigured(runtime) ? 'serve' : 'demo';
  },
});
// Long-running commands (serve, sim) keep the event loop alive themselves; the rest end here.
process.exitCode = code;
