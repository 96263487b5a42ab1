import { Command, CommanderError, Option } from 'commander';
import { type Clock, fixedClock, parseNow, systemClock } from '../app/clock.js';
import { createLogger, environmentSecrets, type Logger, scrubSecrets } from '../app/logger.js';
import { readRuntimeEnv } from '../config/env.js';
import { ConfigError, loadConfig, resolveConfigPath } from '../config/load.js';
import { openStore, type Store, StoreError } from '../db/open.js';
import { askCommand } from './commands/ask.js';
import { auditCommand } from './commands/audit.js';
import { chartRendererCommand } from './commands/chartRenderer.js';
import { demoCommand } from './commands/demo.js';
import { digestCommand } from './commands/digest.js';
import { remediationPortCommand } from './commands/remediationPort.js';
import { scheduledJobCommand } from './commands/scheduledJob.js';
import { serveCommand } from './commands/serve.js';
import { simCommand } from './commands/sim.js';
import { syncCommand } from './commands/sync.js';
import { type CliContext, RuntimeFailure, UsageError } from './context.js';
import type { CommandSpec } from './spec.js';

export const COMMANDS: readonly CommandSpec[] = [
  serveCommand,
  syncCommand,
  auditCommand,
  digestCommand,
  askCommand,
  simCommand,
  demoCommand,
  remediationPortCommand,
  chartRendererCommand,
  scheduledJobCommand,
];

export interface ProgramIo {
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Used by `npm start` with no command: serve when configured, else demo. */
  defaultCommand?: (env: NodeJS.ProcessEnv) => string;
}

interface GlobalOptions {
  config?: string;
  db?: string;
  now?: string;
}

/** Runs the CLI and resolves to the exit code: 0 success, 1 runtime failure, 2 usage or configuration error. */
export async function runCli(argv: readonly string[], io: ProgramIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('burnrate')
    .description('Vertex AI cost answers, audits and alerts')
    .addOption(new Option('--config <file>', 'config file (else BURNRATE_CONFIG, else config/burnrate.yaml)'))
    .addOption(new Option('--db <file>', 'SQLite database file (else BURNRATE_DB, else ./data/burnrate.db)'))
    .addOption(
      new Option('--now <iso8601>', 'the current time, for every command (e.g. 2026-11-28T09:00:00Z)'),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run burnrate --help for the commands)');

  for (const spec of COMMANDS) {
    const cmd = program
      .command(spec.name, { hidden: spec.hidden === true })
      .description(spec.summary)
      .exitOverride();
    spec.configure(cmd);
    cmd.action(async (...actionArgs: unknown[]) => {
      const command = actionArgs[actionArgs.length - 1] as Command;
      const global = program.opts<GlobalOptions>();
      const ctx = buildContext(global, io, spec.standalone === true);
      try {
        exitCode = await spec.run(ctx, command.opts(), command.args);
      } finally {
        ctx.closeStore();
      }
    });
  }

  const args = [...argv];
  if (io.defaultCommand && !namesCommandOrHelp(args)) args.push(io.defaultCommand(io.env));
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (err) {
    return exitCodeFor(err, io);
  }
}

// Global options that take a value: `npm start -- --now 2026-11-28T09:00:00Z` still runs the default command.
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--config', '--db', '--now']);

function namesCommandOrHelp(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-') || arg === '-h' || arg === '--help') return true;
  }
  return false;
}

/** The exit code for a failure, after saying what failed on stderr (secrets scrubbed, as in the log). */
export function exitCodeFor(err: unknown, io: ProgramIo): number {
  const secrets = environmentSecrets(io.env);
  const say = (text: string) => io.stderr(scrubSecrets(text, secrets));
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
      return 0;
    if (err.code === 'commander.help') return 0;
    return 2; // commander already printed what was wrong
  }
  if (err instanceof ConfigError || err instanceof UsageError) {
    say(`burnrate: ${err.message}\n`);
    return 2;
  }
  if (err instanceof RuntimeFailure || err instanceof StoreError) {
    say(`burnrate: ${err.message}\n`);
    return 1;
  }
  say(`burnrate: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}

function buildContext(
  global: GlobalOptions,
  io: ProgramIo,
  standalone: boolean,
): CliContext & { closeStore(): void } {
  let clock: Clock = systemClock;
  if (global.now) {
    const at = parseNow(global.now);
    if (!at)
      throw new UsageError(
        `--now: found ${JSON.stringify(global.now)}, expected an ISO 8601 time such as 2026-11-28T09:00:00Z`,
      );
    clock = fixedClock(at);
  }
  const env = readRuntimeEnv(io.env, global.db ? { db: global.db } : {});
  const configPath = standalone ? null : resolveConfigPath(global.config, io.env);
  const config = loadConfig(configPath, io.env);
  const log: Logger = createLogger({ level: env.logLevel, secrets: environmentSecrets(io.env) });
  let store: Store | null = null;
  return {
    config,
    configPath,
    env,
    clock,
    log,
    store() {
      store ??= openStore(env.dbPath);
      return store;
    },
    print: (text) => io.stdout(text.endsWith('\n') ? text : `${text}\n`),
    childArgs: [
      ...(configPath ? ['--config', configPath] : []),
      '--db',
      env.dbPath,
      ...(global.now ? ['--now', clock.now().toISOString()] : []),
    ],
    closeStore() {
      store?.close();
      store = null;
    },
  };
}
