// Fault matrix: the database cannot take burnrate's bookkeeping after Google carried out an action. The person
// who clicked hears what happened on Google's side (not "Could not…"), and the attempt is not lost: when its
// remediation_log row cannot be written, the log line with the whole record stands in for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { getFinding } from '../../src/audit/findings.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { listAttempts } from '../../src/remediate/attemptLog.js';
import { createAuthorizer } from '../../src/remediate/authorize.js';
import { type RemediationDeps, remediateFinding } from '../../src/remediate/remediateFinding.js';
import { clockAt, idleFindingFor, type SimHarness, startSimHarness } from '../remediate/simSupport.js';
import { eventually } from '../remediate/slackClicks.js';

const ALLOWED = 'UALLOWED01';
const MODEL = 'summarizer-t5-base';

/**
 * Fills the database up to a page limit it cannot grow past (SQLite's max_page_count, as a full disk): small
 * remediation_log rows until one no longer fits, so any larger row fails with "database or disk is full".
 */
function fillDisk(store: Store): void {
  const pages = store.sqlite.pragma('page_count', { simple: true }) as number;
  store.sqlite.pragma(`max_page_count = ${pages}`);
  const filler = store.sqlite.prepare(
    "INSERT INTO remediation_log (finding_id, at, user_id, action, resource, mode, result) VALUES (NULL, 'x', 'x', 'x', 'x', 'x', 'x')",
  );
  for (let i = 0; i < 100_000; i++) {
    try {
      filler.run();
    } catch (err) {
      if (/database or disk is full/.test((err as Error).message)) return;
      throw err;
    }
  }
  throw new Error('the database never filled up');
}

describe('fault: bookkeeping fails after Google acted', () => {
  let h: SimHarness;
  let dir: string;
  let store: Store;
  let logLines: string[];
  beforeAll(async () => {
    h = await startSimHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.control('/_sim/reset', {});
    dir = mkdtempSync(join(tmpdir(), 'burnrate-faults-bookkeeping-'));
    store = openStore(join(dir, 'burnrate.db'));
    logLines = [];
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = (): RemediationDeps => {
    const config = configSchema.parse({
      remediation: {
        mode: 'remediate',
        operationTimeoutSeconds: 30,
        allow: { undeploy: { users: [ALLOWED] } },
      },
    });
    const clock = clockAt();
    return {
      store,
      config,
      clock,
      log: createLogger({
        level: 'info',
        pretty: false,
        destination: { write: (line: string) => void logLines.push(line) },
      }),
      vertex: h.gcp.vertex,
      monitoring: h.gcp.monitoring,
      authorizer: createAuthorizer({ allow: config.remediation.allow, clock, groupMembers: async () => [] }),
    };
  };
  const modelDeployed = async (endpointName: string, deployedModelId: string) =>
    (await h.gcp.vertex.getEndpoint(endpointName))?.deployedModels.some(
      (m) => m.deployedModelId === deployedModelId,
    );
  const fallbackRecords = () =>
    logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter(
        (entry) => entry.msg === 'remediation attempt not stored in the database; this line is its record',
      );

  it('disk full: the user hears the undeploy happened, the finding is settled, the log line keeps the attempt', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', MODEL);
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
    fillDisk(store);
    const outcome = await remediateFinding(deps(), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(await modelDeployed(target.endpointName, target.deployedModelId)).toBe(false);
    expect(outcome.result).toBe('ok');
    expect(outcome.message).toMatch(/^Done: undeployed summarizer-t5-base/);
    expect(outcome.message).not.toMatch(/Could not/);
    expect(outcome.message).toMatch(
      /burnrate could not record this in its database \(database or disk is full\)/,
    );
    // The finding's row had room for its new state; the log table had none for the attempt.
    expect(getFinding(store, finding.id)).toMatchObject({ status: 'remediated', actedBy: ALLOWED });
    expect(listAttempts(store, finding.id)).toEqual([]);
    const [record] = fallbackRecords();
    expect(record).toMatchObject({
      findingId: finding.id,
      userId: ALLOWED,
      action: 'undeploy',
      resource: finding.resource,
      result: 'ok',
      storeError: expect.stringMatching(/database or disk is full/),
    });
  });

  it('no write succeeds after the Google call: still told it happened, the claim left for the audit to release', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', MODEL);
    await h.control('/_sim/faults', { rules: [{ path: ':undeployModel$', latencyMs: 300 }] }, 'PUT');
    const running = remediateFinding(deps(), { findingId: finding.id, action: 'undeploy', userId: ALLOWED });
    await eventually(() => expect(getFinding(store, finding.id)?.claimedBy).toBe(ALLOWED));
    // From here on the store refuses every write (the claim is taken; Google has not answered yet).
    store.sqlite.pragma('query_only = ON');
    const outcome = await running;
    store.sqlite.pragma('query_only = OFF');
    expect(outcome.result).toBe('ok');
    expect(outcome.message).toMatch(/^Done: undeployed summarizer-t5-base/);
    expect(outcome.message).toMatch(/burnrate could not record this in its database/);
    expect(getFinding(store, finding.id)).toMatchObject({ status: 'open', claimedBy: ALLOWED });
    expect(listAttempts(store, finding.id)).toEqual([]);
    expect(fallbackRecords()).toMatchObject([{ findingId: finding.id, result: 'ok', userId: ALLOWED }]);
  });
});
