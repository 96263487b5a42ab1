// The simulator in a process of its own, as `burnrate sim` runs: what the benchmarks measure (a sync pass, serve)
// then shares the machine with it, not its event loop — Google does not answer from inside burnrate either.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioInput } from '../src/sim/scenario.js';

// How long the simulator may take to load its scenario and listen.
const START_TIMEOUT_MS = 60_000;

export interface SimProcess {
  url: string;
  /** A control request (`reset`, `faults`, `requests`) to the simulator's /_sim API. */
  control(path: string, method: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** Starts `burnrate sim` on a free port with `scenario` (written to `dir`), its clock at `now`. */
export async function startSimProcess(scenario: ScenarioInput, dir: string, now: Date): Promise<SimProcess> {
  const file = join(dir, 'scenario.yaml');
  // YAML reads JSON as it is.
  writeFileSync(file, JSON.stringify(scenario));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--now', now.toISOString(), 'sim', '--port', '0', '--scenario', file],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${output}`)), START_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}: ${output}`));
    });
  });
  return {
    url,
    control: (path, method, body) =>
      fetch(`${url}/_sim/${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
