// Fault matrix: no Google credentials at all. The pass must fail every scope with one clear reason, build no
// client (a client whose credentials fail leaves unhandled rejections behind), and exit 1.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.js';

const hasAmbientCredentials =
  Boolean(process.env.GOOGLE_APPLICATION_CREDENTIALS) ||
  existsSync(join(homedir(), '.config/gcloud/application_default_credentials.json'));

describe('sync without Google credentials', () => {
  it.skipIf(hasAmbientCredentials)('fails each scope saying how to provide credentials, exit 1', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const { code, stdout, stderr } = await runCliCaptured(['sync'], {
      BURNRATE_DB: ':memory:',
      LOG_LEVEL: 'silent',
    });
    const out = stdout + stderr;
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.off('unhandledRejection', onUnhandled);
    expect(code).toBe(1);
    expect(out).toMatch(/no Google Cloud credentials found/);
    expect(out).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
    expect(unhandled).toEqual([]);
  });
});
