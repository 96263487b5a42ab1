// The demo organisation synced into a fresh database once per test file, and questions asked of it through the
// same engine `burnrate ask --json` uses.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { fixedClock } from '../../../src/app/clock.js';
import { askQuestion, toAskJson } from '../../../src/ask/index.js';
import { runCli } from '../../../src/cli/program.js';
import { loadConfig } from '../../../src/config/load.js';
import { openStore, type Store } from '../../../src/db/open.js';

export const DEMO_NOW = new Date('2026-11-28T12:00:00Z');
export const demoConfig = loadConfig('config/demo.yaml', {});

export interface AskJson {
  understood: boolean;
  intent: string;
  period: { start: string; end: string } | null;
  groupBy: string[];
  total: number | null;
  rows: Array<{ key: string; cost: number; share: number }>;
  source: { actualThrough: string | null; estimated: boolean };
  text: string;
}

/** Registers hooks that build the demo database before the file's tests and remove it after. */
export function demoOrganisation(): { store: () => Store; ask: (question: string) => Promise<AskJson> } {
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-demo-org-'));
  const dbPath = join(dir, 'demo.db');
  let store: Store | undefined;
  beforeAll(async () => {
    let err = '';
    const code = await runCli(['--now', DEMO_NOW.toISOString(), '--db', dbPath, 'demo', '--no-interactive'], {
      env: {},
      stdout: () => {},
      stderr: (t) => {
        err += t;
      },
    });
    expect(code, err).toBe(0);
    store = openStore(dbPath);
  }, 120_000);
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const current = () => {
    if (!store) throw new Error('the demo organisation is not built yet');
    return store;
  };
  return {
    store: current,
    ask: async (question) =>
      toAskJson(
        await askQuestion({ store: current(), config: demoConfig, clock: fixedClock(DEMO_NOW) }, question),
      ) as unknown as AskJson,
  };
}
