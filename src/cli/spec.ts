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
  /** Left out of the help: started by burnrate itself, not by hand. */
  hidden?: boolean;
  run(ctx: CliContext, opts: Record<string, unknown>, args: string[]): Promise<number>;
}
