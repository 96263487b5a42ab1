import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFaultsFile } from '../../src/sim/faults.js';
import { loadScenarioFile, parseScenario, ScenarioError } from '../../src/sim/scenario.js';
import { startSimulator } from '../../src/sim/server.js';
import { scenarioInput } from './fixtures.js';

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'burnrate-sim-')), name);
  writeFileSync(path, text);
  return path;
}

describe('scenario files', () => {
  it('names the file, key path, what was found and what was expected', () => {
    const path = writeTemp(
      'bad.yaml',
      [
        'projects: [{ id: ml-prod }]',
        'endpoints:',
        '  - project: ml-prod',
        '    region: us-central1',
        '    displayName: x',
        '    deployedModels:',
        '      - displayName: m',
        '        deployedHoursAgo: 5',
        '        minReplicas: "two"',
        '        traffic: { pattern: constant, perHour: 1 }',
      ].join('\n'),
    );
    expect(() => loadScenarioFile(path)).toThrow(ScenarioError);
    expect(() => loadScenarioFile(path)).toThrow(
      `${path}: endpoints.0.deployedModels.0.minReplicas: expected number, found "two"`,
    );
  });

  it('reports unknown keys, machine types and references to undeclared projects', () => {
    const broken = structuredClone(scenarioInput) as Record<string, unknown> & {
      jobs: Record<string, unknown>[];
    };
    broken.jobs[0] = { ...broken.jobs[0], project: 'ghost-project', machineType: 'z9-mega-1', colour: 'red' };
    let message = '';
    try {
      parseScenario(broken, 'inline');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('inline: jobs.0: expected no key colour (unknown)');
    expect(message).toContain('inline: jobs.0.machineType: expected a machine type the simulator knows');
    expect(message).toContain('found "z9-mega-1"');
    expect(message).toContain('inline: jobs.0.project: expected one of the projects: ml-prod, ml-research');
  });

  it('requires traffic percents that add up to 100 when an endpoint gives any', () => {
    const model = (displayName: string, trafficPercent?: number) => ({
      displayName,
      deployedHoursAgo: 5,
      traffic: { pattern: 'constant', perHour: 1 },
      ...(trafficPercent === undefined ? {} : { trafficPercent }),
    });
    const withModels = (models: unknown[]) => ({
      projects: [{ id: 'ml-prod' }],
      endpoints: [{ project: 'ml-prod', region: 'us-central1', displayName: 'x', deployedModels: models }],
    });
    expect(() => parseScenario(withModels([model('a', 90), model('b', 20)]), 's.yaml')).toThrow(
      's.yaml: endpoints.0.deployedModels: expected trafficPercent values adding up to 100 (they add up to 110)',
    );
    expect(() => parseScenario(withModels([model('a', 90), model('b')]), 's.yaml')).toThrow(/add up to 90/);
    expect(() => parseScenario(withModels([model('a', 100), model('b')]))).not.toThrow();
  });

  it('reports YAML syntax errors and missing files with the file name', () => {
    const path = writeTemp('syntax.yaml', 'projects: [\n');
    expect(() => loadScenarioFile(path)).toThrow(`${path}: not valid YAML`);
    expect(() => loadScenarioFile('/nonexistent/scenario.yaml')).toThrow(
      '/nonexistent/scenario.yaml: cannot read',
    );
  });

  it('loads faults files with the same error style', () => {
    const good = writeTemp(
      'faults.yaml',
      'rules:\n  - { path: "/customJobs", code: 503, errorRate: 0.2, seed: 1 }\n',
    );
    expect(loadFaultsFile(good).rules[0]).toMatchObject({ code: 503, errorRate: 0.2, latencyMs: 0 });
    const bad = writeTemp('faults-bad.yaml', 'rules:\n  - { path: "(", code: 503 }\n');
    expect(() => loadFaultsFile(bad)).toThrow(
      `${bad}: rules.0.path: expected a valid regular expression, found "("`,
    );
  });
});

describe('demo scenario', () => {
  it('describes a believable organisation the simulator can serve', async () => {
    const scenario = loadScenarioFile('config/scenarios/demo.yaml');
    expect(scenario.projects.map((project) => project.id)).toEqual(['ml-prod', 'ml-research', 'ml-platform']);
    expect(scenario.endpoints.length).toBeGreaterThanOrEqual(10);
    const sim = await startSimulator({ scenario, now: new Date('2025-06-18T09:00:00Z') });
    try {
      const call = async (path: string) =>
        (await fetch(`${sim.url}${path}`)).json() as Promise<Record<string, unknown>>;
      const jobs = await call(
        '/v1/projects/ml-research/locations/us-central1/customJobs?filter=state%3D%22JOB_STATE_RUNNING%22',
      );
      const runaway = (jobs.customJobs as { displayName: string; labels: Record<string, string> }[]).find(
        (job) => job.displayName === 'recsys-two-tower-a100',
      );
      expect(runaway?.labels['expected-hours']).toBe('6');
      const services = await call('/v1/services');
      expect(services.services).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ serviceId: 'C7E2-9256-1C43', displayName: 'Vertex AI' }),
        ]),
      );
    } finally {
      await sim.close();
    }
  });
});
