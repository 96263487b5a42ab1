import { listActiveFindings } from '../../audit/findings.js';
import { formatSyncSummary } from '../../collect/summary.js';
import { readRuntimeEnv } from '../../config/env.js';
import { loadConfig, resolveConfigPath } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { fixCommand } from '../../demo/alertsText.js';
import { DEMO_CONFIG_FILE, DEMO_USER_ID, startDemoEnvironment } from '../../demo/environment.js';
import { confirmFrom, createLineInput, type LineInput, runPromptLoop } from '../../demo/prompt.js';
import { createDemoSession } from '../../demo/session.js';
import type { CliContext } from '../context.js';

// Exit code of a run stopped by Ctrl+C / SIGTERM before it finished (128 + SIGINT), as shells report it.
const INTERRUPTED_EXIT_CODE = 130;

/**
 * The demo's configuration: the file given with --config, else config/demo.yaml — never the deployment's own
 * BURNRATE_CONFIG or config/burnrate.yaml, whose projects the simulator does not know.
 */
function demoConfig(ctx: CliContext): { config: Config; file: string } {
  const implicit = resolveConfigPath(undefined, process.env);
  if (ctx.configPath && ctx.configPath !== implicit) return { config: ctx.config, file: ctx.configPath };
  return { config: loadConfig(DEMO_CONFIG_FILE, process.env), file: DEMO_CONFIG_FILE };
}

/** The --db file when one was given; otherwise null (a temporary database, never BURNRATE_DB's). */
function explicitDb(ctx: CliContext): string | null {
  return ctx.env.dbPath !== readRuntimeEnv(process.env).dbPath ? ctx.env.dbPath : null;
}

function section(title: string): string {
  return `\n━━ ${title} ${'━'.repeat(Math.max(3, 72 - title.length))}\n`;
}

/** `burnrate demo`: the simulator, a temporary database, sync, audit, digest and alerts, then a prompt. */
export async function runDemo(ctx: CliContext, opts: Record<string, unknown>): Promise<number> {
  const interactive = opts.interactive !== false;
  const { config, file } = demoConfig(ctx);
  // The demo talks to a person: the JSON log stays at warnings unless LOG_LEVEL asks for more.
  const log = process.env.LOG_LEVEL ? ctx.log : ctx.log.child({}, { level: 'warn' });
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const terminal = interactive && process.stdin.isTTY === true;

  let stopping = false;
  let input: LineInput | null = null;
  const stop = () => {
    if (!stopping) progress('Stopping the demo…');
    stopping = true;
    input?.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  progress(
    `Config: ${file} (remediation.mode ${config.remediation.mode}; you act as Slack user ${DEMO_USER_ID})`,
  );
  const environment = await startDemoEnvironment({
    config,
    env: ctx.env,
    clock: ctx.clock,
    log,
    dbPath: explicitDb(ctx),
    progress,
  });
  try {
    // Read from the start, so a Ctrl+C during the first sync reaches us and piped lines wait their turn.
    if (interactive) {
      input = createLineInput({ input: process.stdin, output: process.stdout, terminal });
      if (stopping) input.close();
    }
    const lineInput = input;
    const session = createDemoSession({
      environment,
      config,
      clock: ctx.clock,
      log,
      progress,
      // Piped commands are the confirmation; a person at a terminal is asked.
      confirm: terminal && lineInput ? confirmFrom(lineInput) : async () => true,
    });

    const synced = await session.sync();
    if (!synced.ok) ctx.print(formatSyncSummary(synced));
    if (stopping) return INTERRUPTED_EXIT_CODE;
    const audited = session.audit();
    for (const e of audited.ruleErrors) ctx.print(`! rule ${e.rule} failed: ${e.error}`);

    const now = ctx.clock.now().toISOString();
    ctx.print(`burnrate demo: a simulated organisation's Vertex AI spend, as of ${now}`);
    ctx.print(section('Weekly digest (the week that just ended)'));
    ctx.print(session.digest());
    ctx.print(section('Open alerts'));
    ctx.print(session.alerts());
    const healthy = synced.ok && audited.ruleErrors.length === 0;
    if (!lineInput) return healthy ? 0 : 1;

    const firstFix = listActiveFindings(environment.store)
      .map(fixCommand)
      .find((c) => c !== null);
    ctx.print(section('Your turn'));
    ctx.print(
      `Ask a question as you would in Slack, or act on an alert. Try "which endpoints are idle?"${firstFix ? `, \`${firstFix}\`` : ''}, \`help\` or \`quit\`.`,
    );
    await runPromptLoop({
      input: lineInput,
      session,
      print: ctx.print,
      echo: !terminal,
      onError: (err) => log.error({ err: (err as Error).message }, 'demo command failed'),
    });
    return stopping ? INTERRUPTED_EXIT_CODE : 0;
  } finally {
    input?.close();
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await environment.close();
    progress(
      environment.temporary
        ? 'Demo stopped; its temporary database is gone.'
        : `Demo stopped; database kept at ${environment.dbPath}.`,
    );
  }
}
