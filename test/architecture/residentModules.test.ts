// What the resident bot loads: every module `burnrate serve` imports when it starts (src/main.ts and what it
// imports, statically, value imports only — types are erased, and `await import()` loads a module only when the
// code that asks for it runs) must stay clear of Google's client libraries and the chart renderer. Those belong
// in the short-lived processes that sync and post the digest; the answer thread holds the engine and little else.
// test/serve/residentModules.test.ts checks the same on a running serve.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Packages that must not load in serve itself.
const HEAVY = /^(@google-cloud\/|google-gax($|\/)|vega($|-|\/)|@resvg\/)/;

/** The specifiers a module imports for their values (not `import type`, not type-only names, not `import()`). */
function valueImports(text: string): string[] {
  const out: string[] = [];
  const statement = /(?:^|\n)\s*(import|export)\s+([^'";]*?)\s+from\s+['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(statement)) {
    const clause = (m[2] ?? '').trim();
    if (clause.startsWith('type ') || clause.startsWith('type{')) continue;
    const named = /^\{([\s\S]*)\}$/.exec(clause);
    if (named) {
      const names = (named[1] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      if (names.every((n) => n.startsWith('type '))) continue;
    }
    out.push(m[3] as string);
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) out.push(m[1] as string);
  return out;
}

function resolveLocal(from: string, spec: string): string {
  const path = normalize(join(dirname(from), spec)).replace(/\.js$/, '.ts');
  return existsSync(join(ROOT, path)) ? path : path.replace(/\.ts$/, '/index.ts');
}

/** Every package the static import graph from `entry` reaches, with one chain of modules leading to it. */
function packagesReached(entry: string): Map<string, string[]> {
  const packages = new Map<string, string[]>();
  const seen = new Set<string>([entry]);
  const queue: Array<{ file: string; chain: string[] }> = [{ file: entry, chain: [entry] }];
  while (queue.length > 0) {
    const { file, chain } = queue.shift() as { file: string; chain: string[] };
    for (const spec of valueImports(readFileSync(join(ROOT, file), 'utf8'))) {
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push({ file: next, chain: [...chain, next] });
      } else if (!spec.startsWith('node:') && !packages.has(spec)) packages.set(spec, chain);
    }
  }
  return packages;
}

describe('the modules serve holds', () => {
  it('are read correctly: value imports count, type imports do not', () => {
    expect(
      valueImports(
        "import type { A } from 'a';\nimport { type B, C } from 'b';\nimport { type D } from 'd';\nexport { e } from './e.js';\nexport type * from './f.js';\nconst g = await import('g');",
      ),
    ).toEqual(['b', './e.js']);
  });

  it('include no Google client library and no chart renderer, from src/main.ts on', () => {
    const reached = packagesReached('src/main.ts');
    // The graph is real: it reaches the Slack app and SQLite.
    expect([...reached.keys()]).toEqual(expect.arrayContaining(['@slack/bolt', 'better-sqlite3']));
    const heavy = [...reached]
      .filter(([spec]) => HEAVY.test(spec))
      .map(([spec, chain]) => `${spec} ← ${chain.join(' ← ')}`);
    expect(heavy).toEqual([]);
  });

  it('in the answer thread, are SQLite and the engine: no Slack, no logger, no schema library', () => {
    // The thread's heap is kept small (src/ask/engine/answerThread.ts): each package it loads stays for good.
    expect([...packagesReached('src/ask/engine/answerWorker.ts').keys()]).toEqual(['better-sqlite3']);
  });
});
