// How a click ends once Google has been called: the settle step changes the finding only while the click still
// holds its claim, and a stopping process records what it knows instead of waiting out the operation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { getFinding } from '../../src/audit/findings.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { listAttempts } from '../../src/remediate/attemptLog.js';
import { createAuthorizer } from '../../src/remediate/authorize.js';
import { type RemediationDeps, remediateFinding } from '../../src/remediate/remediateFinding.js';
import { clockAt, idleFindingFor, type SimHarness, startSimHarness } from './simSupport.js';
import { eventually } from './slackClicks.js';

const ALLOWED = 'UALLOWED01';

describe('settling a remediation', () => {
  let h: SimHarness;
  let store: Store;
  beforeAll(async () => {
    h = await startSimHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.control('/_sim/reset', {});
    store = openStore(':memory:');
  });

  const deps = (extra: Partial<RemediationDeps> = {}): RemediationDeps => {
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
      log: createLogger({ level: 'silent' }),
      vertex: h.gcp.vertex,
      monitoring: h.gcp.monitoring,
      authorizer: createAuthorizer({ allow: config.remediation.allow, clock, groupMembers: async () => [] }),
      ...extra,
    };
  };
  const undeployStarted = async () =>
    (await h.requests()).some((r) => r.method === 'POST' && r.path.endsWith(':undeployModel'));

  it('a claim taken over while Google worked: the finding is left as it is, and the outcome says so', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    await h.control('/_sim/faults', { rules: [{ path: ':undeployModel$', latencyMs: 400 }] }, 'PUT');
    const running = remediateFinding(deps(), { findingId: finding.id, action: 'undeploy', userId: ALLOWED });
    await eventually(async () => expect(await undeployStarted()).toBe(true));
    // Meanwhile the claim went stale and someone else took the finding over.
    store.sqlite
      .prepare("UPDATE findings SET claimed_by = 'UOTHER001', claimed_at = ? WHERE id = ?")
      .run('2026-11-25T12:30:00.000Z', finding.id);
    const outcome = await running;
    expect(outcome.result).toBe('ok');
    expect(outcome.message).toMatch(/^Done: undeployed summarizer-t5-base/);
    expect(outcome.message).toMatch(
      /The finding was not marked remediated: this click no longer held it \(now held by UOTHER001\)/,
    );
    expect(getFinding(store, finding.id)).toMatchObject({ status: 'open', claimedBy: 'UOTHER001' });
    const [attempt] = listAttempts(store, finding.id);
    expect(attempt).toMatchObject({ result: 'ok', userId: ALLOWED });
    expect(attempt?.detail).toMatch(/finding not marked remediated/);
  });

  it('stopping while Google works: the click ends as a timeout at once, logged, the claim kept', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    await h.control(
      '/_sim/faults',
      { rules: [{ method: 'GET', path: '/operations/', latencyMs: 20_000 }] },
      'PUT',
    );
    const stopping = new AbortController();
    const running = remediateFinding(deps({ stopping: stopping.signal }), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    await eventually(async () => expect(await undeployStarted()).toBe(true));
    stopping.abort();
    const outcome = await running;
    expect(outcome.result).toBe('timeout');
    expect(outcome.message).toMatch(/burnrate was stopping before Google finished/);
    expect(getFinding(store, finding.id)?.claimedBy).toBe(ALLOWED);
    expect(listAttempts(store, finding.id).map((a) => a.result)).toEqual(['timeout']);
    await h.control('/_sim/faults', { rules: [] }, 'PUT');
  });
});
