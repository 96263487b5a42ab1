// `burnrate demo --no-interactive` as CI runs it: simulator, sync, audit, digest and alerts, exit 0.

import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { burnrate, DEMO_NOW } from './support/childProcess.js';

describe('burnrate demo --no-interactive', () => {
  it('prints a digest with a dollar total and the open alerts, cleans up, and exits 0', async () => {
    const { code, stdout, stderr } = await burnrate(['--now', DEMO_NOW, 'demo', '--no-interactive']);
    expect(code, stderr).toBe(0);

    // The digest of the week that ended before Saturday Nov 28: ISO week 47, with its total and source.
    expect(stdout).toContain('Weekly ML spend: whole organization, 2026-W47 (Nov 16 – Nov 22, UTC)');
    expect(stdout).toMatch(/^Total Nov 16 – Nov 22: \$\d{1,3}(,\d{3})*\.\d{2};/m);
    expect(stdout).toMatch(/^Source: billing export through /m);

    // At least one alert, numbered by finding id, with $/day, $/month and the command for its fix.
    expect(stdout).toMatch(/^Open alerts \(\d+\): /m);
    expect(stdout).toMatch(/^#\d+ \[(low|medium|high|critical)\] /m);
    expect(stdout).toMatch(
      /\$[\d,]+\.\d{2}\/day · \$[\d,]+\.\d{2}\/month \(estimate from catalog list prices\)/,
    );
    expect(stdout).toMatch(/type `undeploy \d+`/);
    // The GPU endpoint at a low duty cycle: a smaller accelerator, recommended with its gcloud commands.
    expect(stdout).toMatch(/^#\d+ \[\w+\] Under-used accelerator: tagger-vit-l4 on image-tagger$/m);
    expect(stdout).toContain(
      'Fix: Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4 — a redeploy, not a one-click action',
    );
    expect(stdout).toMatch(/^ {6}gcloud ai endpoints deploy-model \d+ \\$/m);

    // No prompt without a terminal conversation; progress went to stderr, not into the report.
    expect(stdout).not.toContain('Your turn');
    expect(stderr).toMatch(/Sync done: \d+ rows written/);
    expect(stdout).not.toContain('Sync done');

    // The temporary database folder is gone.
    const db = /database (\S+burnrate\.db)/.exec(stderr)?.[1];
    expect(db).toBeDefined();
    expect(existsSync(dirname(db ?? '/nonexistent/x'))).toBe(false);
  }, 90_000);
});
