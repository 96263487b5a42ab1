// Reading the repository's own files for the deployment checks: source under src/, and the deploy files.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../demo/support/childProcess.js';

export { REPO_ROOT };

export function repoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/** Every .ts file under src/ (or a sub-folder), with its path relative to the repository. */
export function sourceFiles(folder = 'src'): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push({ path, text: repoFile(path) });
    }
  };
  walk(folder);
  return out;
}

/** Every distinct match of `pattern`'s first group across files, with the files it appears in. */
export function collect(
  files: ReadonlyArray<{ path: string; text: string }>,
  pattern: RegExp,
): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    for (const match of file.text.matchAll(pattern)) {
      const key = match[1];
      if (!key) continue;
      found.set(key, [...(found.get(key) ?? []), file.path]);
    }
  }
  return found;
}

/** The final stage of the Dockerfile: its instructions as [keyword, rest] pairs, continuation lines joined. */
export function dockerfileFinalStage(): Array<[string, string]> {
  const lines = repoFile('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: string[][] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) stages.push([]);
    stages[stages.length - 1]?.push(line);
  }
  const last = stages[stages.length - 1] ?? [];
  return last.map((l) => {
    const [keyword = '', ...rest] = l.split(/\s+/);
    return [keyword.toUpperCase(), rest.join(' ')];
  });
}
