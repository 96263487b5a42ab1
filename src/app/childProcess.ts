// Work that runs in a short-lived burnrate process of its own (a sync pass, the weekly digest), started by the
// resident one: the child's lines are relayed into the parent's log, its peak memory reported, and it is stopped
// when it runs past its time or the parent stops. What it loads (Google's client libraries, the chart renderer)
// leaves with it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LEVEL_NAMES, type Logger } from './logger.js';

// How long a child told to stop (SIGTERM) may take before it is killed.
const KILL_GRACE_MS = 5_000;
// Lines kept to say why a child failed: its last problems, not its whole output.
const PROBLEMS_KEPT = 5;

// Fields pino adds to every line; the parent's own logger adds them again.
const PINO_OWN_FIELDS = ['level', 'time', 'pid', 'hostname', 'msg'];

/** The main module burnrate runs from, beside this one: src/main.ts under tsx, dist/main.js once built. */
export function mainEntry(): string {
  const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  return fileURLToPath(new URL(`../main.${extension}`, import.meta.url));
}

// Heap limits set for the resident bot (see the Dockerfile), not for its children: a sync or an audit reads more
// than an answer does, for a few seconds, then gives it all back by ending.
const RESIDENT_ONLY = /^--max-(old|semi)-space-size=/;

/**
 * Node's options for a child running `entry`: this process's own (so tsx's loader carries over) but its heap
 * limits, plus tsx's loader when a TypeScript entry is run by a process started without it (a test runner).
 */
export function nodeArgsFor(entry: string, execArgv: readonly string[] = process.execArgv): string[] {
  const args = execArgv.filter((arg) => !RESIDENT_ONLY.test(arg));
  if (entry.endsWith('.ts') && !args.some((arg) => arg.includes('tsx'))) args.push('--import', 'tsx');
  return args;
}

/** What a child reports over its IPC channel when its command ends (see src/main.ts). */
export interface ChildReport {
  peakRssKb: number;
}

export interface ChildRunOptions {
  /** Names the work in the log ("sync", "digest"). */
  name: string;
  /** burnrate's arguments: global options, then the command and its options. */
  args: readonly string[];
  timeoutMs: number;
  log: Logger;
  /** Aborted when the parent stops: the child is told to stop too. */
  signal?: AbortSignal;
}

export interface ChildRunResult {
  /** The exit code, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Stopped because the parent was stopping. */
  stopped: boolean;
  durationMs: number;
  /** The most memory the child held (resident set), when it reported it. */
  peakRssMb: number | null;
  /** Its last lines saying what went wrong (error log lines, "burnrate: …", "! could not …"). */
  problems: string[];
}

/** Runs burnrate with `args` in a child process and resolves once it has ended, whatever the outcome. */
export function runChild(opts: ChildRunOptions): Promise<ChildRunResult> {
  const entry = mainEntry();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgsFor(entry), entry, ...opts.args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: process.env,
  });
  const log = opts.log.child({ job: opts.name, childPid: child.pid });
  log.info({ args: opts.args }, 'started a child process');
  const problems: string[] = [];
  const problem = (text: string) => {
    problems.push(text);
    if (problems.length > PROBLEMS_KEPT) problems.shift();
  };
  relayLines(child, log, problem);
  let peakRssMb: number | null = null;
  child.on('message', (message: Partial<ChildReport>) => {
    if (typeof message?.peakRssKb === 'number') peakRssMb = Math.round(message.peakRssKb / 102.4) / 10;
  });

  let timedOut = false;
  let stopped = false;
  let killTimer: NodeJS.Timeout | undefined;
  const terminate = () => {
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    log.warn({ timeoutMs: opts.timeoutMs }, 'child process ran past its time; stopping it');
    terminate();
  }, opts.timeoutMs);
  const onAbort = () => {
    stopped = true;
    terminate();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) onAbort();

  return new Promise((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      const result: ChildRunResult = {
        code,
        signal,
        timedOut,
        stopped,
        durationMs: Math.round(performance.now() - started),
        peakRssMb,
        problems,
      };
      log.info({ code, signal, timedOut, durationMs: result.durationMs, peakRssMb }, 'child process ended');
      resolve(result);
    };
    child.once('error', (err) => {
      problem(`could not start a child process: ${err.message}`);
      finish(null, null);
    });
    child.once('close', finish);
  });
}

/** Each line the child writes goes to the log: its JSON log lines at their own level, other lines as text. */
export function relayLines(
  child: ChildProcess,
  log: Logger,
  problem: (text: string) => void = () => {},
): void {
  const relay = (line: string) => {
    const text = line.trim();
    if (text === '') return;
    const record = text.startsWith('{') ? parseJson(text) : null;
    if (record && typeof record.level === 'number' && typeof record.msg === 'string') {
      const level = LEVEL_NAMES[record.level] ?? 'info';
      const fields = Object.fromEntries(Object.entries(record).filter(([k]) => !PINO_OWN_FIELDS.includes(k)));
      log[level](fields, record.msg);
      if (record.level >= 50) problem(record.msg);
      return;
    }
    if (/^(burnrate:|! )/.test(text)) {
      log.warn(text);
      problem(text.replace(/^(burnrate:|!) /, ''));
    } else log.info(text);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', relay);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', relay);
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
