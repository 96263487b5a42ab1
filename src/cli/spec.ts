import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** One CLI command: its options, and what it runs. `run` resolves to the process exit code. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Adds arguments and options to the commander command (description and name are set already). */
  configure(cmd: Command): void;
  /** True for commands that need neither config nor database (the simulator). */
  standalone?: boolean;
  run(ctx: CliContext, opts: Record<string, unknown>, args: string[]): Promise<number>;
}

/** For commands whose issue has not landed: says so, exits 1, prints nothing that looks like output. */
export function notYetAvailable(name: string, capability: string): CommandSpec['run'] {
  return async (ctx) => {
    ctx.log.error(`'burnrate ${name}' is not available yet: ${capability} is still being built`);
    return 1;
  };
}
