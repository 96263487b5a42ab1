import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveConfigPath } from '../../src/config/load.js';

function writeConfig(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-config-'));
  const file = join(dir, 'burnrate.yaml');
  writeFileSync(file, text);
  return file;
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives working defaults for an empty file and for no file at all', () => {
    for (const config of [loadConfig(writeConfig(''), {}), loadConfig(null, {})]) {
      expect(config.timezone).toBe('UTC');
      expect(config.remediation.mode).toBe('notify-only');
      expect(config.rules.idleEndpoint.windowHours).toBe(72);
      expect(config.google.billingExport.labelKeys).toEqual(['team', 'env', 'model']);
      expect(config.schedules.digest).toBe('0 9 * * 1');
    }
  });

  it('reads a full example without errors', () => {
    const config = loadConfig('config/burnrate.example.yaml', {});
    expect(config.google.projects.length).toBeGreaterThan(0);
    expect(config.slack.channels.length).toBeGreaterThan(0);
  });

  it.each([
    {
      name: 'bad YAML syntax, with its line number',
      text: 'timezone: UTC\ngoogle:\n  projects: [\n    - id: x\n',
      expected: [/invalid YAML at line \d+/],
      keyPath: '',
    },
    {
      name: 'an unknown key',
      text: 'timezone: UTC\nremediation:\n  mode: dry-run\n  modde: remediate\n',
      expected: [/unknown key remediation\.modde/, /line 4/],
      keyPath: 'remediation',
    },
    {
      name: 'a wrong type',
      text: 'rules:\n  idleEndpoint:\n    windowHours: three days\n',
      expected: [
        /rules\.idleEndpoint\.windowHours has the wrong type/,
        /found the string "three days"/,
        /expected number/,
        /line 3/,
      ],
      keyPath: 'rules.idleEndpoint.windowHours',
    },
    {
      name: 'a missing required value',
      text: 'budgets:\n  - name: search\n    thresholds: [50, 100]\n',
      expected: [/budgets\.0\.monthlyAmount is required/, /expected number/],
      keyPath: 'budgets.0.monthlyAmount',
    },
    {
      name: 'a value outside its set',
      text: 'remediation:\n  mode: yolo\n',
      expected: [
        /remediation\.mode: found the string "yolo", expected one of "notify-only", "dry-run", "remediate"/,
      ],
      keyPath: 'remediation.mode',
    },
    {
      name: 'a malformed id',
      text: 'google:\n  projects:\n    - id: Not_A_Project\n',
      expected: [
        /google\.projects\.0\.id: found the string "Not_A_Project", expected a Google Cloud project id/,
      ],
      keyPath: 'google.projects.0.id',
    },
    {
      name: 'a list where a mapping is expected',
      text: '- a\n- b\n',
      expected: [/expected a mapping of options at the top level, found a list/],
      keyPath: '',
    },
  ])('names the file and key path for $name', ({ text, expected, keyPath }) => {
    const file = writeConfig(text);
    const err = errorOf(() => loadConfig(file, {}));
    expect(err.message.startsWith(`${file}:`)).toBe(true);
    for (const pattern of expected) expect(err.message).toMatch(pattern);
    expect(err.keyPath).toBe(keyPath);
  });

  it('says when the file cannot be read', () => {
    const err = errorOf(() => loadConfig('/nonexistent/burnrate.yaml', {}));
    expect(err.message).toMatch(/\/nonexistent\/burnrate\.yaml: cannot read the config file \(ENOENT\)/);
  });

  it('lets the environment override the time zone and remediation mode', () => {
    const file = writeConfig('timezone: UTC\nremediation:\n  mode: notify-only\n');
    const config = loadConfig(file, {
      BURNRATE_TIMEZONE: 'Europe/Berlin',
      BURNRATE_REMEDIATION_MODE: 'dry-run',
    });
    expect(config.timezone).toBe('Europe/Berlin');
    expect(config.remediation.mode).toBe('dry-run');
  });

  it('names the environment variable when an override is invalid', () => {
    const err = errorOf(() => loadConfig(null, { BURNRATE_REMEDIATION_MODE: 'always' }));
    expect(err.message).toMatch(
      /^BURNRATE_REMEDIATION_MODE \(environment\): remediation\.mode: found the string "always"/,
    );
  });

  it('documents every option in config/burnrate.example.yaml', () => {
    const example = readFileSync('config/burnrate.example.yaml', 'utf8');
    const keys = new Set<string>();
    const collect = (value: unknown) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      for (const [key, child] of Object.entries(value)) {
        keys.add(key);
        collect(child);
      }
    };
    collect(loadConfig(null, {}));
    const undocumented = [...keys].filter((key) => !new RegExp(`^\\s*#?\\s*${key}:`, 'm').test(example));
    expect(undocumented).toEqual([]);
  });

  it('resolves the config path from flag, then BURNRATE_CONFIG', () => {
    expect(resolveConfigPath('a.yaml', { BURNRATE_CONFIG: 'b.yaml' })).toBe('a.yaml');
    expect(resolveConfigPath(undefined, { BURNRATE_CONFIG: 'b.yaml' })).toBe('b.yaml');
  });
});
