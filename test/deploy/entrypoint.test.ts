// The container entrypoint: hands the volume to the runtime user and drops root, and turns the
// GOOGLE_CREDENTIALS_JSON secret into a private key file that GOOGLE_APPLICATION_CREDENTIALS points at.

import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run } from '../demo/support/childProcess.js';

// The script runs from a copy in a world-readable temp folder: as root it re-executes itself as the runtime
// user, who cannot read the checkout when it sits under a folder only root may enter (e.g. /root).
const dir = mkdtempSync(join(tmpdir(), 'burnrate-entrypoint-'));
chmodSync(dir, 0o755);
const ENTRYPOINT = join(dir, 'docker-entrypoint.sh');
copyFileSync(join(REPO_ROOT, 'deploy/docker-entrypoint.sh'), ENTRYPOINT);
chmodSync(ENTRYPOINT, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A user every Debian image has, standing in for the image's `node` user.
const RUN_AS = 'nobody';
const isRoot = process.getuid?.() === 0;

// Prints what the command the entrypoint runs sees.
const REPORT =
  'echo "uid=$(id -u) creds=$GOOGLE_APPLICATION_CREDENTIALS json=[$GOOGLE_CREDENTIALS_JSON] args=$*"';

function entrypoint(env: NodeJS.ProcessEnv, ...args: string[]) {
  return run('sh', [ENTRYPOINT, 'sh', '-c', REPORT, 'report', ...args], {
    env: { PATH: process.env.PATH, ...env },
  });
}

describe('deploy/docker-entrypoint.sh', () => {
  it('writes the credentials secret to a private file and removes it from the environment', async () => {
    // In the folder the entrypoint hands to the runtime user, so that user can write it when the test runs as root.
    mkdirSync(join(dir, 'data'), { recursive: true });
    const keyFile = join(dir, 'data', 'google-credentials.json');
    const key = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nabc\\n"}';
    const { code, stdout, stderr } = await entrypoint(
      {
        BURNRATE_RUN_AS: RUN_AS,
        BURNRATE_DB: join(dir, 'data', 'burnrate.db'),
        GOOGLE_CREDENTIALS_JSON: key,
        GOOGLE_CREDENTIALS_FILE: keyFile,
      },
      'serve',
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`creds=${keyFile} json=[] args=serve`);
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('leaves GOOGLE_APPLICATION_CREDENTIALS alone when no secret is given', async () => {
    const { code, stdout } = await entrypoint({
      BURNRATE_RUN_AS: RUN_AS,
      BURNRATE_DB: join(dir, 'data', 'burnrate.db'),
      GOOGLE_APPLICATION_CREDENTIALS: '/secrets/key.json',
    });
    expect(code).toBe(0);
    expect(stdout).toContain('creds=/secrets/key.json json=[]');
  });

  it.runIf(isRoot)(
    'as root: gives the database folder to the runtime user and runs the command as that user',
    async () => {
      const dataDir = join(dir, 'volume');
      const { code, stdout, stderr } = await entrypoint({
        BURNRATE_RUN_AS: RUN_AS,
        BURNRATE_DB: join(dataDir, 'burnrate.db'),
      });
      expect(code, stderr).toBe(0);
      const nobodyUid = Number((await run('id', ['-u', RUN_AS])).stdout.trim());
      expect(stdout).toContain(`uid=${nobodyUid} `);
      expect(statSync(dataDir).uid).toBe(nobodyUid);
    },
  );
});
