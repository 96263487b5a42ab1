// The demo shows the numbers the rest of burnrate shows: its digest is the `digest` command's text, and each
// alert carries the finding's $/day and $/month as `audit --json` reports them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { formatMoney } from '../../src/money/format.js';
import { DEMO_NOW } from './support/childProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'burnrate-demo-numbers-'));
const db = join(dir, 'demo.db');
let demoOut = '';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['--now', DEMO_NOW, '--db', db, ...args], {
    env: {},
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  const demo = await cli(['demo', '--no-interactive']);
  expect(demo.code, demo.stderr).toBe(0);
  demoOut = demo.stdout;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo and the other commands agree', () => {
  it('prints the same digest as `burnrate digest` on the same data', async () => {
    const digest = await cli(['--config', 'config/demo.yaml', 'digest']);
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout.trim().length).toBeGreaterThan(200);
    expect(demoOut).toContain(digest.stdout.trim());
  });

  it('shows every finding with the $/day and $/month of `burnrate audit --json`', async () => {
    const audit = await cli(['--config', 'config/demo.yaml', 'audit', '--json']);
    expect(audit.code, audit.stderr).toBe(0);
    const findings = (
      JSON.parse(audit.stdout) as {
        findings: Array<{
          id: number;
          title: string;
          impact: { perDay: number | null; perMonth: number | null };
        }>;
      }
    ).findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      const block = demoOut.slice(demoOut.indexOf(`#${f.id} [`)).split('\n\n')[0] ?? '';
      expect(block).toContain(f.title);
      if (f.impact.perDay === null) expect(block).toContain('unpriced');
      else
        expect(block).toContain(
          `${formatMoney(f.impact.perDay)}/day · ${formatMoney(f.impact.perMonth ?? 0)}/month`,
        );
    }
  });
});
