#!/usr/bin/env node
import { runCli } from './cli/program.js';
import { googleConfigured, readRuntimeEnv, slackConfigured } from './config/env.js';

// A rejected promise nobody awaited (a client library's background work) must not take the bot down: say so.
process.on('unhandledRejection', (reason) => {
  const text = reason instanceof Error ? reason.message : String(reason);
  process.stderr.write(`burnrate: a background task failed (continuing): ${text}\n`);
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
