// The shape of the code, checked: data flows one way (Google → collect → store → spend/pricing →
// ask/audit/report → delivery → the Slack app, CLI and scheduler), nothing imports a module above it, there are
// no import cycles, Slack's libraries stay at the edge, SQL stays with the store, and no file grows into a grab bag.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Each top-level folder of src/ and its place in the flow: a module may import only modules of a lower rank (and
// itself). Folders of equal rank stand side by side and must not import each other.
const LAYERS: Readonly<Record<string, number>> = {
  // Foundations anyone may use: the clock and logger, calendar days, money formatting, config, domain words.
  app: 0,
  time: 0,
  money: 0,
  config: 1,
  domain: 1,
  // The edges that hold data: Google's APIs and the SQLite store.
  gcp: 2,
  db: 2,
  // The simulator stands apart (it plays Google for tests and the demo).
  sim: 2,
  // Catalog prices → $/h, then what sync writes.
  pricing: 3,
  collect: 4,
  spend: 4,
  audit: 5,
  remediate: 6,
  report: 6,
  ask: 7,
  // Everything that shows or posts what the layers below computed.
  delivery: 8,
  // Wiring: the Slack app and its listeners, the scheduler, serve, the demo, the CLI.
  slack: 9,
  schedule: 9,
  serve: 10,
  demo: 10,
  cli: 11,
  'main.ts': 12,
};

interface SourceFile {
  path: string;
  text: string;
}

function sources(folder: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push({ path, text: readFileSync(join(ROOT, path), 'utf8') });
    }
  };
  walk(folder);
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative imports of a file as repository paths of .ts files; bare specifiers as they are. */
function importsOf(file: SourceFile): { local: string[]; packages: string[] } {
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of file.text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (!spec) continue;
    if (spec.startsWith('.')) local.push(normalize(join(dirname(file.path), spec)).replace(/\.js$/, '.ts'));
    else packages.push(spec);
  }
  return { local, packages };
}

function moduleOf(path: string): string {
  return relative('src', path).split('/')[0] ?? path;
}

const files = sources('src');

describe('the import graph of src/', () => {
  it('places every top-level folder in the flow', () => {
    const modules = [...new Set(files.map((f) => moduleOf(f.path)))];
    expect(modules.filter((m) => !(m in LAYERS))).toEqual([]);
  });

  it('has no import from a module above (or beside) the importer', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = moduleOf(file.path);
      for (const target of importsOf(file).local) {
        const to = moduleOf(target);
        if (to === from) continue;
        if ((LAYERS[to] ?? Number.POSITIVE_INFINITY) >= (LAYERS[from] ?? 0))
          upward.push(`${file.path} → ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no cycle between files', () => {
    const graph = new Map(files.map((f) => [f.path, importsOf(f).local.filter((t) => t.startsWith('src/'))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string) => {
      state.set(node, 'visiting');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'visiting')
          cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of graph.keys()) if (!state.has(node)) visit(node);
    expect(cycles).toEqual([]);
  });

  it('imports Slack libraries only in delivery and the Slack app', () => {
    const outside = files
      .filter((f) => importsOf(f).packages.some((p) => p.startsWith('@slack/')))
      .map((f) => f.path)
      .filter((p) => !p.startsWith('src/delivery/') && !p.startsWith('src/slack/'));
    expect(outside).toEqual([]);
  });

  it('imports Google client libraries only in src/gcp', () => {
    const outside = files
      .filter((f) => importsOf(f).packages.some((p) => p.startsWith('@google-cloud/') || p === 'google-gax'))
      .map((f) => f.path)
      .filter((p) => !p.startsWith('src/gcp/'));
    expect(outside).toEqual([]);
  });

  it('keeps SQL with the store: no prepare( outside src/db', () => {
    const outside = files.filter((f) => !f.path.startsWith('src/db/') && /\.prepare\s*[<(]/.test(f.text));
    expect(outside.map((f) => f.path)).toEqual([]);
  });

  it('has no source file over 350 lines', () => {
    const long = files
      .map((f) => ({ path: f.path, lines: f.text.split('\n').length }))
      .filter((f) => f.lines > 350);
    expect(long).toEqual([]);
  });

  it('keeps the chart renderer out of the ask engine: ask returns chart values, delivery draws them', () => {
    const chartLibraries = ['vega', 'vega-lite', '@resvg/resvg-js'];
    const graph = new Map(files.map((f) => [f.path, importsOf(f)]));
    const draws = (path: string) =>
      graph.get(path)?.packages.some((p) => chartLibraries.includes(p)) ?? false;
    const reached: string[] = [];
    for (const start of files.filter((f) => moduleOf(f.path) === 'ask')) {
      const seen = new Set<string>();
      const walk = (path: string, via: string[]) => {
        if (seen.has(path)) return;
        seen.add(path);
        if (draws(path)) reached.push([...via, path].join(' → '));
        for (const next of graph.get(path)?.local ?? []) walk(next, [...via, path]);
      };
      walk(start.path, []);
    }
    expect(reached).toEqual([]);
  });
});
