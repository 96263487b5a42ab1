// Fault matrix: the credential lookup fails once (key file not mounted yet, metadata server slow). The next
// pass must look again rather than remember the failure until a restart.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { configSchema } from '../../src/config/schema.js';
import { createGcp } from '../../src/gcp/index.js';

const saved = process.env.GOOGLE_APPLICATION_CREDENTIALS;
const dir = mkdtempSync(join(tmpdir(), 'burnrate-creds-'));
afterAll(() => {
  if (saved === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
  else process.env.GOOGLE_APPLICATION_CREDENTIALS = saved;
  rmSync(dir, { recursive: true, force: true });
});

/** A service-account key file in Google's format, with a freshly made key (never sent anywhere). */
function writeServiceAccountKey(path: string) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: 'ml-prod',
      private_key_id: 'test-key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: 'burnrate@ml-prod.iam.gserviceaccount.com',
      client_id: '1234567890',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
}

describe('Google credentials that appear after a failed lookup', () => {
  it('are found on the next check, without a restart', async () => {
    const keyFile = join(dir, 'key.json');
    process.env.GOOGLE_APPLICATION_CREDENTIALS = keyFile;
    const gcp = createGcp({
      env: { gcpEndpoint: null },
      config: configSchema.parse({}),
      log: createLogger({ level: 'silent' }),
    });
    try {
      await expect(gcp.checkCredentials()).rejects.toThrow(/no Google Cloud credentials found/);
      writeServiceAccountKey(keyFile);
      await expect(gcp.checkCredentials()).resolves.toBeUndefined();
      // Once found, they are not looked up again.
      rmSync(keyFile);
      await expect(gcp.checkCredentials()).resolves.toBeUndefined();
    } finally {
      await gcp.close();
    }
  });
});
