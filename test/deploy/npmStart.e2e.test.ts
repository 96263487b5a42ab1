// `npm start` picks the right command: the demo with no credentials (what the README's quick start promises),
// `serve` once Slack and Google are configured — here the fake Slack Web API and the simulator — which answers
// /healthz and stops cleanly on SIGTERM.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/sim/scenario.js';
import { startSimulator } from '../../src/sim/server.js';
import { credentialFreeEnv, DEMO_NOW, run, start } from '../demo/support/childProcess.js';
import { startFakeSlack } from '../support/fakeSlack.js';
import { repoFile } from './support/sources.js';

const dir = mkdtempSync(join(tmpdir(), 'burnrate-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README quick start', () => {
  const readme = repoFile('README.md');
  const quickStart = readme.slice(
    readme.indexOf('## Quick start'),
    readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1),
  );

  it('shows exactly the commands that are tested here', () => {
    expect(quickStart).toContain('```sh\nnpm ci && npm start\n```');
    expect(quickStart).toContain('```sh\nnpm ci && npm test\n```');
    const pkg = JSON.parse(repoFile('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('tsx src/main.ts');
    expect(pkg.scripts.test).toContain('vitest run');
  });

  // Exactly `npm start`, so on the real clock: the assertions hold on any date (the demo scenario is relative to
  // the time the simulator starts).
  it('`npm start` without credentials runs the demo, and ends at EOF with exit 0', async () => {
    const { code, stdout, stderr } = await run('npm', ['start', '--silent'], {
      env: credentialFreeEnv(),
      input: '',
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('burnrate demo:');
    expect(stdout).toMatch(/^Total [A-Z][a-z]{2} \d{1,2} – [A-Z][a-z]{2} \d{1,2}: \$[\d,]+\.\d{2};/m);
    expect(stdout).toMatch(/^#\d+ \[/m);
    expect(stdout).toContain('Your turn');
    expect(stderr).toContain('Demo stopped');
  }, 90_000);
});

describe('npm start with Slack and Google configured', () => {
  it('runs serve: /healthz answers from the database, SIGTERM stops it cleanly', async () => {
    const slack = await startFakeSlack();
    const sim = await startSimulator({
      scenario: loadScenarioFile('config/scenarios/demo.yaml'),
      port: 0,
      now: new Date(DEMO_NOW),
    });
    try {
      // `npm start` is `tsx src/main.ts`; node --import tsx is the same without a wrapper process between the
      // signal and burnrate.
      const serve = start('node', ['--import', 'tsx', 'src/main.ts'], {
        env: credentialFreeEnv({
          SLACK_BOT_TOKEN: 'xoxb-test-token-for-serve',
          SLACK_SIGNING_SECRET: 'signing-secret-for-serve',
          SLACK_API_URL: slack.apiUrl,
          BURNRATE_GCP_ENDPOINT: sim.url,
          BURNRATE_CONFIG: 'config/demo.yaml',
          BURNRATE_DB: join(dir, 'serve.db'),
          PORT: '0',
        }),
      });
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start:\n${serve.stderr()}`)), 60_000);
        const poll = setInterval(() => {
          const line = serve
            .stderr()
            .split('\n')
            .find((l) => l.includes('burnrate is serving Slack requests'));
          const found = line ? (JSON.parse(line) as { port?: number }).port : undefined;
          if (found) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve(found);
          } else if (serve.child.exitCode !== null) {
            clearInterval(poll);
            clearTimeout(timer);
            reject(new Error(`serve exited ${serve.child.exitCode}:\n${serve.stderr()}`));
          }
        }, 100);
      });
      expect(slack.callsOf('auth.test').length).toBeGreaterThan(0);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ db: 'ok' });

      serve.child.kill('SIGTERM');
      const { code, stderr } = await serve.finished;
      expect(code, stderr).toBe(0);
      expect(stderr).toContain('burnrate stopped');
    } finally {
      await sim.close();
      await slack.close();
    }
  }, 90_000);
});
