import { Option } from 'commander';
import { FaultsError, loadFaultsFile } from '../../sim/faults.js';
import { loadScenarioFile, ScenarioError } from '../../sim/scenario.js';
import { startSimulator } from '../../sim/server.js';
import { UsageError } from '../context.js';
import type { CommandSpec } from '../spec.js';

export const DEMO_SCENARIO = 'config/scenarios/demo.yaml';

export const simCommand: CommandSpec = {
  name: 'sim',
  summary: 'run the Google Cloud simulator (Vertex AI, Catalog, Monitoring, BigQuery over plain HTTP)',
  standalone: true,
  configure(cmd) {
    cmd
      .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').default('8085'))
      .addOption(
        new Option('--scenario <file>', 'scenario YAML (see docs/simulator.md)').default(DEMO_SCENARIO),
      )
      .addOption(new Option('--faults <file>', 'faults YAML/JSON: latency and errors per method'));
  },
  async run(ctx, opts) {
    const port = Number(opts.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port: found ${JSON.stringify(opts.port)}, expected a port number 0–65535`);
    }
    let scenario: ReturnType<typeof loadScenarioFile>;
    let faults: ReturnType<typeof loadFaultsFile> | undefined;
    try {
      scenario = loadScenarioFile(String(opts.scenario));
      faults = opts.faults ? loadFaultsFile(String(opts.faults)) : undefined;
    } catch (err) {
      if (err instanceof ScenarioError || err instanceof FaultsError) throw new UsageError(err.message);
      throw err;
    }
    const sim = await startSimulator({ scenario, port, now: ctx.clock.now(), ...(faults ? { faults } : {}) });
    ctx.print(`listening on ${sim.url}`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await sim.close();
    return 0;
  },
};
