// The production build: `npm run build` compiles to dist/, and the built CLI runs from the file layout the
// Dockerfile's runtime stage assembles (its COPY lines, replayed into a temporary folder).

import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialFreeEnv, DEMO_NOW, REPO_ROOT, run } from '../demo/support/childProcess.js';
import { dockerfileFinalStage } from './support/sources.js';

const image = mkdtempSync(join(tmpdir(), 'burnrate-image-'));
const app = join(image, 'app');
let build: Awaited<ReturnType<typeof run>>;

/** Replays the runtime stage's COPY lines: build-stage paths come from the repository after the build. */
function assembleRuntimeLayout() {
  for (const [keyword, rest] of dockerfileFinalStage()) {
    if (keyword !== 'COPY') continue;
    const parts = rest.split(/\s+/);
    const fromBuild = parts[0] === '--from=build';
    const [source = '', destination = ''] = fromBuild ? parts.slice(1) : parts;
    const repoPath = join(REPO_ROOT, fromBuild ? source.replace(/^\/app\//, '') : source);
    const target = join(
      app,
      destination.endsWith('/') ? `${destination}${source.split('/').pop()}` : destination,
    );
    expect(existsSync(repoPath), `Dockerfile copies ${source}, which does not exist`).toBe(true);
    mkdirSync(dirname(target), { recursive: true });
    // node_modules after `npm prune --omit=dev` is a subset of the repository's; linking it keeps the test fast.
    if (source.endsWith('node_modules')) symlinkSync(repoPath, target, 'dir');
    else cpSync(repoPath, target, { recursive: true });
  }
}

beforeAll(async () => {
  build = await run('npm', ['run', 'build'], { env: credentialFreeEnv() });
  if (build.code === 0) assembleRuntimeLayout();
}, 240_000);
afterAll(() => rmSync(image, { recursive: true, force: true }));

const inImage = (args: string[]) =>
  run('node', ['dist/main.js', ...args], { cwd: app, env: credentialFreeEnv({ NODE_ENV: 'production' }) });

describe('npm run build', () => {
  it('compiles without errors', () => {
    expect(build.code, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(existsSync(join(REPO_ROOT, 'dist/main.js'))).toBe(true);
  });

  it('runs `node dist/main.js --help` from the image layout', async () => {
    const { code, stdout, stderr } = await inImage(['--help']);
    expect(code, stderr).toBe(0);
    for (const command of ['serve', 'sync', 'audit', 'digest', 'ask', 'sim', 'demo'])
      expect(stdout).toContain(command);
  }, 30_000);

  it('finds its migrations, config and demo scenario at run time (the demo, from the image layout)', async () => {
    const { code, stdout, stderr } = await inImage(['--now', DEMO_NOW, 'demo', '--no-interactive']);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain(`Config: ${join(app, 'config/demo.yaml')}`);
    expect(stdout).toMatch(/^Total Nov 16 – Nov 22: \$[\d,]+\.\d{2};/m);
    expect(stdout).toMatch(/^#\d+ \[/m);
  }, 60_000);
});
