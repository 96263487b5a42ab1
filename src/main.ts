#!/usr/bin/env node
import { runCli } from './cli/program.js';
import { googleConfigured, readRuntimeEnv, slackConfigured } from './config/env.js';

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
