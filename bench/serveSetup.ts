// What the serve benchmark starts `burnrate serve` with (a copy of the organisation's database, a config with
// Google pointed at the simulator and schedules that fire within the run), and how it reads the memory of the
// processes serve runs.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REGIONS } from './org.js';

export const BENCH_TEAM_ID = 'T0FAKE001';
export const BENCH_CHANNEL = 'C0BENCH01';
export const BENCH_USER = 'U0BENCH01';
// Projects the simulator plays for serve's own syncs, apart from the organisation's (so nothing of it changes).
export const serveProjectId = (i: number) => `serve-proj-${String(i).padStart(3, '0')}`;

/**
 * A copy of the organisation's database for serve to write to (sync, audit, digest): the cached file stays as the
 * ask benchmark reads it.
 */
export function copyDatabase(orgPath: string, dir: string): string {
  const path = join(dir, 'serve.db');
  copyFileSync(orgPath, path);
  return path;
}

/**
 * A cron (six fields, seconds first) firing at these instants, UTC (and at the other combinations of their fields,
 * hours later at the earliest).
 */
export function cronAt(instants: readonly Date[]): string {
  const field = (get: (d: Date) => number) => [...new Set(instants.map(get))].join(',');
  return `${field((d) => d.getUTCSeconds())} ${field((d) => d.getUTCMinutes())} ${field((d) => d.getUTCHours())} ${field((d) => d.getUTCDate())} ${field((d) => d.getUTCMonth() + 1)} *`;
}

/**
 * serve's config: Google's projects are the simulator's (without a billing export, so the organisation's billing
 * rows stay as they are), a sync and an audit at the given instants (so both run early, once, and nothing else
 * scheduled competes with the measurements), the weekly digest and the daily checks caught up at start, alerts
 * and the digest in one channel, and the benchmark's user allowed to press the action buttons (dry run).
 */
export function writeServeConfig(
  dir: string,
  projects: number,
  at: { sync: readonly Date[]; audit: readonly Date[] },
): string {
  const path = join(dir, 'burnrate.yaml');
  const projectLines = Array.from({ length: projects }, (_, i) => [
    `    - id: ${serveProjectId(i)}`,
    `      regions: [${REGIONS.join(', ')}]`,
  ]).flat();
  writeFileSync(
    path,
    [
      'timezone: UTC',
      'google:',
      '  projects:',
      ...projectLines,
      'slack:',
      `  teamId: ${BENCH_TEAM_ID}`,
      '  channels:',
      `    - id: ${BENCH_CHANNEL}`,
      '      digest: true',
      '      alerts: true',
      'schedules:',
      `  sync: "${cronAt(at.sync)}"`,
      `  audit: "${cronAt(at.audit)}"`,
      'remediation:',
      '  mode: dry-run',
      '  allow:',
      ...['undeploy', 'scale', 'cancel'].flatMap((action) => [
        `    ${action}:`,
        `      users: [${BENCH_USER}]`,
      ]),
      '',
    ].join('\n'),
  );
  return path;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A process's children, from /proc. */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // the process ended while listing
    }
  }
  return out;
}

/** VmHWM (peak) or VmRSS (now) of a process in MB; 0 once it has ended. */
export function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The command line of a process (its arguments, space-separated). */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function dockerfile(): string {
  return readFileSync(fileURLToPath(new URL('../Dockerfile', import.meta.url)), 'utf8');
}

/** The Node options the container runs serve with: those of the Dockerfile's CMD before dist/main.js. */
export function containerNodeArgs(): string[] {
  const cmd = /^CMD\s+(\[.*\])\s*$/m.exec(dockerfile())?.[1];
  const args = cmd ? (JSON.parse(cmd) as string[]) : [];
  const main = args.indexOf('dist/main.js');
  return main > 1 ? args.slice(1, main) : [];
}

/**
 * The environment the container sets (the Dockerfile's `ENV NAME=value …` lines; values without spaces or
 * quotes), such as the allocator's settings: serve is measured with them.
 */
export function containerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of dockerfile().matchAll(/^ENV\s+(.+)$/gm)) {
    for (const pair of (line[1] as string).trim().split(/\s+/)) {
      const eq = pair.indexOf('=');
      if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
  }
  return env;
}
