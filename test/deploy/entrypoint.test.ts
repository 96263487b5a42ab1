// The container entrypoint: hands the volume to the runtime user and drops root (never to another root
// account), and turns the GOOGLE_CREDENTIALS_JSON secret into a private key file that
// GOOGLE_APPLICATION_CREDENTIALS points at, removed again when the command ends.

import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, run, start } from '../demo/support/childProcess.js';

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

// Prints what the command the entrypoint runs sees, the key file included.
const REPORT =
  'k="$GOOGLE_APPLICATION_CREDENTIALS"; printf "%s\\n" "uid=$(id -u) creds=$k json=[$GOOGLE_CREDENTIALS_JSON] ' +
  'mode=$(stat -c %a "$k" 2>/dev/null) key=$(cat "$k" 2>/dev/null) args=$*"';

function entrypoint(env: NodeJS.ProcessEnv, ...args: string[]) {
  return run('sh', [ENTRYPOINT, 'sh', '-c', REPORT, 'report', ...args], {
    env: { PATH: process.env.PATH, ...env },
  });
}

const KEY = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nabc\\n"}';

function keyEnv(name: string) {
  // In the folder the entrypoint hands to the runtime user, so that user can write it when the test runs as root.
  mkdirSync(join(dir, name), { recursive: true });
  const keyFile = join(dir, name, 'google-credentials.json');
  return {
    keyFile,
    env: {
      BURNRATE_RUN_AS: RUN_AS,
      BURNRATE_DB: join(dir, name, 'burnrate.db'),
      GOOGLE_CREDENTIALS_JSON: KEY,
      GOOGLE_CREDENTIALS_FILE: keyFile,
    },
  };
}

describe('deploy/docker-entrypoint.sh', () => {
  it('writes the credentials secret to a private file, out of the environment, removed at exit', async () => {
    const { keyFile, env } = keyEnv('data');
    const { code, stdout, stderr } = await entrypoint(env, 'serve');
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`creds=${keyFile} json=[] mode=600 key=${KEY} args=serve`);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('passes on the exit code of the command and still removes the key', async () => {
    const { keyFile, env } = keyEnv('failing');
    const { code } = await run(
      'sh',
      [ENTRYPOINT, 'sh', '-c', 'test -f "$GOOGLE_APPLICATION_CREDENTIALS"; exit 7'],
      {
        env: { PATH: process.env.PATH, ...env },
      },
    );
    expect(code).toBe(7);
    expect(existsSync(keyFile)).toBe(false);
  });

  it('on SIGTERM: the command is told to stop, and the key is removed once it has', async () => {
    const { keyFile, env } = keyEnv('signalled');
    const script =
      'trap \'echo "stopping"; exit 0\' TERM; echo "running with $GOOGLE_APPLICATION_CREDENTIALS"; ' +
      'while :; do sleep 0.1; done';
    const running = start('sh', [ENTRYPOINT, 'sh', '-c', script], {
      env: { PATH: process.env.PATH, ...env },
    });
    await running.waitForOutput(`running with ${keyFile}`, 10_000);
    expect(existsSync(keyFile)).toBe(true);
    running.child.kill('SIGTERM');
    const { code, stdout } = await running.finished;
    expect(stdout).toContain('stopping');
    expect(code).toBe(0);
    expect(existsSync(keyFile)).toBe(false);
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

  it.each(['root', '0'])('refuses BURNRATE_RUN_AS=%s (uid 0) without running the command', async (user) => {
    const { code, stdout, stderr } = await entrypoint({
      BURNRATE_RUN_AS: user,
      BURNRATE_DB: join(dir, 'data', 'burnrate.db'),
    });
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`BURNRATE_RUN_AS=${user} is root \\(uid 0\\)`));
  });

  it.runIf(isRoot)('as root: refuses a BURNRATE_RUN_AS that names no user', async () => {
    const { code, stdout, stderr } = await entrypoint({
      BURNRATE_RUN_AS: 'no-such-user-burnrate',
      BURNRATE_DB: join(dir, 'data', 'burnrate.db'),
    });
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('BURNRATE_RUN_AS=no-such-user-burnrate: no such user');
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
