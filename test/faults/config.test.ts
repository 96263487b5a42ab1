// Fault matrix: configuration that cannot be used. The CLI exits 2 and says which file, where, and what it expected.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../support/cli.js';

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(args, { BURNRATE_DB: ':memory:', ...env });
}

describe('fault: unusable configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-faults-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('corrupt YAML: exit 2, names the file and where parsing failed', async () => {
    const path = join(dir, 'burnrate.yaml');
    writeFileSync(path, 'timezone: UTC\ngoogle:\n  projects: [ {id: ml-prod\n  concurrency: 4\n');
    const { code, stdout, stderr } = await cli(['--config', path, 'audit']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(path);
    expect(stderr).toMatch(/line \d+/i);
    expect(stderr).not.toMatch(/unexpected failure|\n\s+at /);
  });

  it('binary garbage instead of YAML: exit 2 with the file named, no stack trace', async () => {
    const path = join(dir, 'burnrate.yaml');
    writeFileSync(path, Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x3a, 0x5b, 0x00, 0x0a, 0x3a, 0x3a]));
    const { code, stderr } = await cli(['--config', path, 'audit']);
    expect(code).toBe(2);
    expect(stderr).toContain(path);
    expect(stderr).not.toMatch(/unexpected failure|\n\s+at /);
  });

  it('a YAML list where a mapping is expected: exit 2, says what was expected', async () => {
    const path = join(dir, 'burnrate.yaml');
    writeFileSync(path, '- timezone\n- UTC\n');
    const { code, stderr } = await cli(['--config', path, 'audit']);
    expect(code).toBe(2);
    expect(stderr).toContain(path);
    expect(stderr).toMatch(/expected/i);
  });

  it('unreadable config (a folder where the file should be): exit 2, says it cannot be read', async () => {
    const path = join(dir, 'burnrate.yaml');
    mkdirSync(path);
    const { code, stderr } = await cli(['--config', path, 'audit']);
    expect(code).toBe(2);
    expect(stderr).toContain(path);
    expect(stderr).toMatch(/cannot read|EISDIR|directory/i);
  });

  it.each([
    ['audit', '99 * * * *'],
    ['digest', '0 9 * * 8'],
    ['sync', '*/15 * * *'],
    ['anomalies', '0 25 * * *'],
  ])(
    'a cron out of range (schedules.%s: %j): exit 2 at load, names the key and the expected form',
    async (job, cron) => {
      const path = join(dir, 'burnrate.yaml');
      writeFileSync(path, `timezone: UTC\nschedules:\n  ${job}: "${cron}"\n`);
      const { code, stdout, stderr } = await cli(['--config', path, 'audit']);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(path);
      expect(stderr).toContain(`schedules.${job}: found the string ${JSON.stringify(cron)}`);
      expect(stderr).toMatch(/expected a cron expression .*minute hour day-of-month month day-of-week/);
      expect(stderr).toMatch(/line 3/);
      expect(stderr).not.toMatch(/unexpected failure|\n\s+at /);
    },
  );

  it('missing config file named by BURNRATE_CONFIG: exit 2, names the variable or the path', async () => {
    const path = join(dir, 'nowhere.yaml');
    const { code, stderr } = await cli(['audit'], { BURNRATE_CONFIG: path });
    expect(code).toBe(2);
    expect(stderr).toContain(path);
  });
});
