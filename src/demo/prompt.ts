// The demo's prompt: lines from a terminal (with a prompt and Ctrl+C) or from piped input (until EOF), one
// command at a time. Nothing typed can end the loop except quit, EOF or an interrupt.

import { createInterface } from 'node:readline';
import { parseDemoCommand } from './commands.js';
import type { DemoSession } from './session.js';

export const PROMPT = 'burnrate> ';

/** Lines on demand: next() resolves to the next line, or null once the input has ended or was closed. */
export interface LineInput {
  next(prompt: string): Promise<string | null>;
  close(): void;
  readonly closed: boolean;
}

export interface LineInputOptions {
  input: NodeJS.ReadableStream;
  /** Where a terminal's prompt and echo go; omitted for piped input. */
  output?: NodeJS.WritableStream;
  terminal: boolean;
}

export function createLineInput(opts: LineInputOptions): LineInput {
  const rl = createInterface({
    input: opts.input,
    ...(opts.terminal && opts.output ? { output: opts.output } : {}),
    terminal: opts.terminal,
  });
  const queued: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let closed = false;
  rl.on('line', (line) => {
    const wake = waiting.shift();
    if (wake) wake(line);
    else queued.push(line);
  });
  rl.on('close', () => {
    closed = true;
    for (const wake of waiting.splice(0)) wake(null);
  });
  // Ctrl+C on a terminal arrives here (raw mode), not as a process signal.
  rl.on('SIGINT', () => rl.close());
  return {
    get closed() {
      return closed;
    },
    next(prompt) {
      const line = queued.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (closed) return Promise.resolve(null);
      if (opts.terminal) {
        rl.setPrompt(prompt);
        rl.prompt();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    close() {
      rl.close();
    },
  };
}

export interface PromptLoopOptions {
  input: LineInput;
  session: DemoSession;
  print: (text: string) => void;
  /** Repeat each command after the prompt text (piped input is not echoed by a terminal). */
  echo: boolean;
  /** Told about a failure inside a command; the loop carries on. */
  onError?: (err: unknown) => void;
}

/** Reads and runs commands until quit, EOF or close. */
export async function runPromptLoop(opts: PromptLoopOptions): Promise<void> {
  for (;;) {
    const line = await opts.input.next(PROMPT);
    if (line === null) return;
    if (opts.echo && line.trim()) opts.print(`${PROMPT}${line}`);
    const command = parseDemoCommand(line);
    if (command.kind === 'quit') return;
    try {
      const out = await opts.session.execute(command);
      if (out) opts.print(out);
    } catch (err) {
      opts.onError?.(err);
      opts.print(
        `That failed: ${(err as Error).message}. The demo carries on; type \`help\` for the commands.`,
      );
    }
  }
}

/** A confirmation read from the same input: only "y" or "yes" goes ahead. */
export function confirmFrom(input: LineInput): (question: string) => Promise<boolean> {
  return async (question) => {
    const answer = await input.next(`${question} [y/N] `);
    return answer !== null && /^\s*y(es)?\s*$/i.test(answer);
  };
}
