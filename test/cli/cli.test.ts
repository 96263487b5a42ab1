import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../../src/cli/program.js';
import { runCliCaptured } from '../support/cli.js';

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(args, { BURNRATE_DB: ':memory:', ...env });
}

describe('cli', () => {
  it('lists every command of the design in --help and exits 0', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const name of ['serve', 'sync', 'audit', 'digest', 'ask', 'sim', 'demo'])
      expect(stdout).toContain(name);
    for (const option of ['--config', '--db', '--now']) expect(stdout).toContain(option);
  });

  it.each(COMMANDS.map((c) => c.name))('has --help for %s', async (name) => {
    const { code, stdout } = await cli([name, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: burnrate ${name}`);
  });

  it('exits 2 on an unknown command and names it', async () => {
    const { code, stderr } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'frobnicate'");
  });

  it('exits 2 on an unknown option', async () => {
    const { code, stderr } = await cli(['ask', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--colour'");
  });

  it('exits 2 when --now is not a time', async () => {
    const { code, stderr } = await cli(['--now', 'yesterday-ish', 'audit']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--now: found "yesterday-ish", expected an ISO 8601 time/);
  });

  it('exits 2 when the config file is invalid, naming the key path', async () => {
    const { code, stderr } = await cli(['--config', 'test/fixtures/invalid-config.yaml', 'audit']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid-config\.yaml: remediation\.mode: found the string "sometimes"/);
  });
});

describe('default command', () => {
  async function chosen(args: string[]) {
    const seen: string[] = [];
    await runCli(args, {
      env: { BURNRATE_DB: ':memory:' },
      stdout: () => {},
      stderr: () => {},
      defaultCommand: () => {
        seen.push('default');
        return '--help';
      },
    });
    return seen.length > 0;
  }

  it.each([
    [[], true],
    [['--now', '2026-11-28T09:00:00Z'], true],
    [['--config', 'x.yaml', '--db', 'y.db'], true],
    [['--now=2026-11-28T09:00:00Z'], true],
    [['sync', '--help'], false],
    [['--now', '2026-11-28T09:00:00Z', 'ask', '--help'], false],
    [['--help'], false],
  ])('for %j runs the default command: %s', async (args, expected) => {
    expect(await chosen(args)).toBe(expected);
  });
});
