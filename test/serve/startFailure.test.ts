// Fault matrix: serve cannot finish starting. Whatever failed (the port, the scheduler after the HTTP server is
// listening), nothing half started stays behind — no open port answering 503, no cron — and the process exits 1
// saying why, instead of running on with a closed database.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { startServer } from '../../src/serve/serve.js';
import { credentialFreeEnv, start } from '../demo/support/childProcess.js';
import { tempStore } from '../report/support/seed.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const refused = (port: number) =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    () => false,
    () => true,
  );

describe('serve start failures', () => {
  it('a scheduler that fails after the HTTP server listens: start rejects, port closed, no cron left', async () => {
    const t = tempStore();
    try {
      const parsed = configSchema.parse({ slack: { teamId: 'T0FAKE001' } });
      // What the schema now refuses at load; here it stands for any failure once the port is open.
      const config = { ...parsed, schedules: { ...parsed.schedules, audit: '99 * * * *' } };
      const port = await freePort();
      await expect(
        startServer({
          config,
          env: readRuntimeEnv({
            SLACK_BOT_TOKEN: 'xoxb-test-token-123',
            SLACK_SIGNING_SECRET: 'test-signing-secret-456',
            SLACK_API_URL: slack.apiUrl,
          }),
          store: t.store,
          clock: fixedClock(new Date('2026-11-28T09:00:00Z')),
          log: createLogger({ level: 'silent' }),
          sync: async () => {},
          port,
          catchUp: false,
        }),
      ).rejects.toThrow(/99 is a invalid expression for minute/);
      expect(await refused(port)).toBe(true);
      const left = [...cron.getTasks().values()].filter((task) => task.name?.startsWith('burnrate:'));
      expect(left.map((task) => task.name)).toEqual([]);
      // The database is the caller's to close, and still open.
      expect(t.store.sqlite.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    } finally {
      t.dispose();
    }
  });

  it('`burnrate serve` on a port already taken: exit 1 with the reason, no stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const dir = mkdtempSync(join(tmpdir(), 'burnrate-start-failure-'));
      const configPath = join(dir, 'burnrate.yaml');
      writeFileSync(configPath, 'slack:\n  teamId: T0FAKE001\n');
      const serve = start('npx', ['tsx', 'src/main.ts', 'serve'], {
        env: credentialFreeEnv({
          BURNRATE_CONFIG: configPath,
          PORT: String(port),
          SLACK_BOT_TOKEN: 'xoxb-test-token-123',
          SLACK_SIGNING_SECRET: 'test-signing-secret-456',
          SLACK_API_URL: slack.apiUrl,
          BURNRATE_DB: ':memory:',
          LOG_LEVEL: 'silent',
        }),
      });
      serve.child.stdin.end();
      const timeout = setTimeout(() => serve.child.kill('SIGKILL'), 25_000);
      const { code, stderr } = await serve.finished;
      clearTimeout(timeout);
      expect(code, stderr).toBe(1);
      expect(stderr).toMatch(new RegExp(`burnrate: serve could not start: .*EADDRINUSE.*${port}`));
      expect(stderr).not.toMatch(/unexpected failure|\n\s+at /);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
