#!/usr/bin/env node
import { reportBackgroundFailure } from './app/backgroundFailure.js';
import { runCli } from './cli/program.js';
import { googleConfigured, readRuntimeEnv, slackConfigured } from './config/env.js';

// A rejected promise nobody awaited (a client library's background work) must not take the bot down: say so.
process.on('unhandledRejection', (reason) => {
  reportBackgroundFailure(reason, process.env, (text) => process.stderr.write(text));
});

// Started by serve as a child process (src/app/childProcess.ts): the IPC channel to it must not keep a finished
// command running, and at the end the command reports what it used.
process.channel?.unref();

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
if (process.connected) process.send?.({ peakRssKb: process.resourceUsage().maxRSS });
