import { existsSync, readFileSync } from 'node:fs';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Config, configSchema } from './schema.js';

/** A configuration problem; the CLI prints `message` and exits 2. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly keyPath: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG_PATH = 'config/burnrate.yaml';

/** --config, else BURNRATE_CONFIG, else config/burnrate.yaml if present, else built-in defaults (null). */
export function resolveConfigPath(flag: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (flag) return flag;
  if (env.BURNRATE_CONFIG) return env.BURNRATE_CONFIG;
  return existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : null;
}

// Settings that operators commonly flip per deployment without editing the file.
const ENV_OVERRIDES: ReadonlyArray<{ variable: string; path: readonly string[] }> = [
  { variable: 'BURNRATE_TIMEZONE', path: ['timezone'] },
  { variable: 'BURNRATE_REMEDIATION_MODE', path: ['remediation', 'mode'] },
];

export function loadConfig(path: string | null, env: NodeJS.ProcessEnv = process.env): Config {
  const file = path ?? '(built-in defaults)';
  let raw: unknown = {};
  let locate: (keyPath: readonly PropertyKey[]) => string = () => '';
  if (path) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new ConfigError(
        `${path}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        path,
        '',
      );
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
    const syntaxError = doc.errors[0];
    if (syntaxError) {
      const line = syntaxError.linePos?.[0];
      const where = line ? `line ${line.line}, column ${line.col}` : 'unknown position';
      throw new ConfigError(
        `${path}: invalid YAML at ${where}: ${syntaxError.message.split('\n')[0]}`,
        path,
        '',
      );
    }
    raw = doc.toJS() ?? {};
    if (typeof raw !== 'object' || Array.isArray(raw)) {
      throw new ConfigError(
        `${path}: expected a mapping of options at the top level, found ${describe(raw)}`,
        path,
        '',
      );
    }
    locate = (keyPath) => {
      const node = doc.getIn(keyPath as unknown[], true);
      if (!isNode(node) || !node.range) return '';
      return ` (line ${lineCounter.linePos(node.range[0]).line})`;
    };
  }
  const withEnv = applyEnvOverrides(raw as Record<string, unknown>, env);
  const result = configSchema.safeParse(withEnv);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const keyPath = issue.path.map(String).join('.');
  const found = describe(valueAt(withEnv, issue.path));
  const fromEnv = ENV_OVERRIDES.find((o) => o.path.join('.') === keyPath && env[o.variable] !== undefined);
  const origin = fromEnv ? `${fromEnv.variable} (environment)` : file;
  const where = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  throw new ConfigError(
    `${origin}: ${explain(issue, keyPath, found)}${fromEnv ? '' : locate(where)}`,
    file,
    keyPath,
  );
}

function explain(issue: z.core.$ZodIssue, keyPath: string, found: string): string {
  const at = keyPath || '(top level)';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => `${keyPath ? `${keyPath}.` : ''}${k}`).join(', ');
      return `unknown key ${keys}; expected only the options documented in config/burnrate.example.yaml`;
    }
    case 'invalid_type':
      if (found === 'nothing') return `${at} is required; expected ${issue.expected}`;
      return `${at} has the wrong type: found ${found}, expected ${issue.expected}`;
    case 'invalid_value':
      return `${at}: found ${found}, expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at}: found ${found}, expected ${issue.message.replace(/^Invalid input: /, '')}`;
  }
}

function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const copy = structuredClone(raw);
  for (const { variable, path } of ENV_OVERRIDES) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    let node: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1] as string] = value;
  }
  return copy;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
