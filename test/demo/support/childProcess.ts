// Runs burnrate as a separate process, the way a person or CI does, with an environment free of credentials.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export const REPO_ROOT = new URL('../../../', import.meta.url).pathname;

/** The pinned clock every demo test uses, so findings, ids and figures are the same on every run. */
export const DEMO_NOW = '2026-11-28T12:00:00Z';

/** process.env without anything that would make burnrate talk to real Slack or Google, or move its files. */
export function credentialFreeEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SLACK_|BURNRATE_|GOOGLE_|LOG_LEVEL$|PORT$)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains `text` (rejects when the process ends first or after timeoutMs). */
  waitForOutput(text: string | RegExp, timeoutMs?: number): Promise<string>;
  finished: Promise<Finished>;
}

export function start(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Running {
  const child = spawn(command, args, {
    cwd: opts.cwd ?? REPO_ROOT,
    env: opts.env ?? credentialFreeEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A command that exits without reading its input closes the pipe; that is not a failure of the test.
  child.stdin.on('error', () => {});
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const l of listeners) l();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      for (const l of listeners) l();
      resolve({ code, stdout, stderr });
    });
  });
  let ended = false;
  void finished.then(() => {
    ended = true;
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    finished,
    waitForOutput(text, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (typeof text === 'string' ? stdout.includes(text) : text.test(stdout)) {
            done();
            resolve(stdout);
          } else if (ended || child.exitCode !== null) {
            done();
            reject(
              new Error(
                `process ended before printing ${String(text)}\nstdout:\n${stdout}\nstderr:\n${stderr}`,
              ),
            );
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`no ${String(text)} after ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`),
          );
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Runs to completion with `input` on stdin (then EOF). */
export async function run(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): Promise<Finished> {
  const running = start(command, args, opts);
  running.child.stdin.end(opts.input ?? '');
  return running.finished;
}

/** `npx tsx src/main.ts …`: the CLI from source, as `npm start` runs it. */
export function burnrate(args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  return run('npx', ['tsx', 'src/main.ts', ...args], opts);
}
