import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { getFinding, markAlerted } from '../../src/audit/findings.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { listAttempts } from '../../src/remediate/attemptLog.js';
import { createAuthorizer } from '../../src/remediate/authorize.js';
import { type RemediationDeps, remediateFinding } from '../../src/remediate/remediateFinding.js';
import {
  clockAt,
  idleFindingFor,
  runawayFindingFor,
  SIM_NOW,
  type SimHarness,
  startSimHarness,
} from './simSupport.js';

const ALLOWED = 'UALLOWED01';
const STRANGER = 'USTRANGER1';

function configFor(mode: 'notify-only' | 'dry-run' | 'remediate') {
  return configSchema.parse({
    remediation: {
      mode,
      operationTimeoutSeconds: 30,
      allow: {
        undeploy: { users: [ALLOWED] },
        cancel: { users: [ALLOWED] },
        scale: { userGroups: ['SPLATFORM1'] },
      },
    },
  });
}

describe('remediateFinding against the simulator', () => {
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

  const deps = (mode: 'notify-only' | 'dry-run' | 'remediate', clock = clockAt()): RemediationDeps => {
    const config = configFor(mode);
    return {
      store,
      config,
      clock,
      log: createLogger({ level: 'silent' }),
      vertex: h.gcp.vertex,
      monitoring: h.gcp.monitoring,
      authorizer: createAuthorizer({ allow: config.remediation.allow, clock, groupMembers: async () => [] }),
    };
  };
  const undeployCalls = async () =>
    (await h.requests()).filter((r) => r.method === 'POST' && r.path.endsWith(':undeployModel'));

  it('undeploys an idle model once, marks the finding remediated and logs it', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    const outcome = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('ok');
    expect(await undeployCalls()).toHaveLength(1);
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
    const endpoint = await h.gcp.vertex.getEndpoint(target.endpointName);
    expect(
      endpoint?.deployedModels.find((m) => m.deployedModelId === target.deployedModelId),
    ).toBeUndefined();
    expect(getFinding(store, finding.id)).toMatchObject({ status: 'remediated', actedBy: ALLOWED });
    expect(listAttempts(store, finding.id).map((a) => a.result)).toEqual(['ok']);
    const again = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(again.result).toBe('already-done');
    expect(await undeployCalls()).toHaveLength(1);
  });

  it('20 concurrent clicks cause exactly one undeployModel; the others hear who acted', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    const d = deps('remediate');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        remediateFinding(d, { findingId: finding.id, action: 'undeploy', userId: ALLOWED }),
      ),
    );
    expect(outcomes.filter((o) => o.result === 'ok')).toHaveLength(1);
    expect(
      outcomes.filter((o) => o.result === 'already-claimed' || o.result === 'already-done'),
    ).toHaveLength(19);
    expect(outcomes.find((o) => o.result === 'already-claimed')?.message).toContain(`<@${ALLOWED}>`);
    expect(await undeployCalls()).toHaveLength(1);
  });

  it('refuses strangers and logs the attempt', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    const outcome = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: STRANGER,
    });
    expect(outcome.result).toBe('unauthorized');
    expect(await undeployCalls()).toHaveLength(0);
    expect(listAttempts(store, finding.id)).toMatchObject([
      { userId: STRANGER, result: 'unauthorized', action: 'undeploy' },
    ]);
  });

  it('refuses when traffic came back, and releases the claim', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
    await h.control('/_sim/traffic', {
      endpoint: target.endpointName,
      deployedModelId: target.deployedModelId,
      predictionsPerHour: 500,
    });
    await h.control('/_sim/advance', { hours: 1 });
    const clock = clockAt(new Date(SIM_NOW.getTime() + 3_600_000));
    const outcome = await remediateFinding(deps('remediate', clock), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('refused');
    expect(outcome.message).toMatch(/predictions in the last hour/);
    expect(await undeployCalls()).toHaveLength(0);
    expect(getFinding(store, finding.id)?.claimedBy).toBeNull();
  });

  it('refuses to cancel a job that finished before the click', async () => {
    const finding = await runawayFindingFor(store, h.gcp, 'ml-prod', 'us-central1', 'search-embedding-train');
    await h.control('/_sim/advance', { hours: 7 });
    const outcome = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'cancel',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('refused');
    expect(outcome.message).toMatch(/SUCCEEDED/);
    expect((await h.requests()).filter((r) => r.path.endsWith(':cancel'))).toHaveLength(0);
  });

  it('cancels a running job', async () => {
    const finding = await runawayFindingFor(
      store,
      h.gcp,
      'ml-research',
      'us-central1',
      'recsys-two-tower-a100',
    );
    const outcome = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'cancel',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('ok');
    expect((await h.requests()).filter((r) => r.path.endsWith(':cancel'))).toHaveLength(1);
  });

  it('scales min replicas down with mutateDeployedModel', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-prod', 'asia-northeast1', 'ranker-v14-apac', {
      rule: 'over-provisioned-endpoint',
      suggestedAction: 'scale',
      suggestedValue: 2,
    });
    const d = deps('remediate');
    d.authorizer = createAuthorizer({
      allow: d.config.remediation.allow,
      clock: d.clock,
      groupMembers: async () => [ALLOWED],
    });
    const outcome = await remediateFinding(d, { findingId: finding.id, action: 'scale', userId: ALLOWED });
    expect(outcome.result).toBe('ok');
    const target = finding.evidence.target;
    if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
    const endpoint = await h.gcp.vertex.getEndpoint(target.endpointName, 'ml-prod');
    expect(endpoint?.deployedModels[0]?.minReplicas).toBe(2);
    expect((await h.requests()).filter((r) => r.path.endsWith(':mutateDeployedModel'))).toHaveLength(1);
  });

  it('dry-run checks everything, changes nothing, and logs', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    const outcome = await remediateFinding(deps('dry-run'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('dry-run');
    expect(outcome.message).toMatch(/^Dry run: would undeploy/);
    expect(await undeployCalls()).toHaveLength(0);
    expect(getFinding(store, finding.id)).toMatchObject({ status: 'open', claimedBy: null });
    expect(listAttempts(store, finding.id).map((a) => a.result)).toEqual(['dry-run']);
  });

  it('notify-only never acts', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    const outcome = await remediateFinding(deps('notify-only'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('disabled');
    expect(await undeployCalls()).toHaveLength(0);
  });

  it('refuses when Monitoring cannot confirm the model is idle', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    await h.control('/_sim/faults', { rules: [{ path: 'timeSeries', code: 503 }] }, 'PUT');
    const outcome = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('refused');
    expect(outcome.message).toMatch(/Monitoring/);
    expect(await undeployCalls()).toHaveLength(0);
  });

  it('a Google failure on the call becomes a failed attempt, and the finding can be tried again', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    await h.control('/_sim/faults', { rules: [{ path: 'undeployModel', code: 403, count: 1 }] }, 'PUT');
    const outcome = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(outcome.result).toBe('failed');
    expect(getFinding(store, finding.id)?.claimedBy).toBeNull();
    const retry = await remediateFinding(deps('remediate'), {
      findingId: finding.id,
      action: 'undeploy',
      userId: ALLOWED,
    });
    expect(retry.result).toBe('ok');
    expect(listAttempts(store, finding.id).map((a) => a.result)).toEqual(['failed', 'ok']);
  });

  describe('a canary with a traffic share (ranker-v15-canary, 10 % of search-ranker)', () => {
    const canary = () => idleFindingFor(store, h.gcp, 'ml-prod', 'us-central1', 'ranker-v15-canary');
    const endpointOf = async (finding: Awaited<ReturnType<typeof canary>>) => {
      const target = finding.evidence.target;
      if (target.type !== 'deployed-model') throw new Error('expected a deployed model');
      return { target, endpoint: await h.gcp.vertex.getEndpoint(target.endpointName, 'ml-prod') };
    };
    const undeploy = (findingId: number, d = deps('remediate')) =>
      remediateFinding(d, { findingId, action: 'undeploy', userId: ALLOWED });

    it('undeploys it with a split that gives its 10 % to ranker-v14, and says so', async () => {
      const finding = await canary();
      const { target, endpoint } = await endpointOf(finding);
      const v14 = endpoint?.deployedModels.find((m) => m.displayName === 'ranker-v14')?.deployedModelId ?? '';
      expect(endpoint?.trafficSplit).toEqual({ [v14]: 90, [target.deployedModelId]: 10 });
      const outcome = await undeploy(finding.id);
      expect(outcome.result).toBe('ok');
      expect(outcome.message).toBe('Done: undeployed ranker-v15-canary; its 10 % went to ranker-v14.');
      const after = await h.gcp.vertex.getEndpoint(target.endpointName, 'ml-prod');
      expect(after?.deployedModels.map((m) => m.displayName)).toEqual(['ranker-v14']);
      expect(after?.trafficSplit).toEqual({ [v14]: 100 });
      expect(await undeployCalls()).toHaveLength(1);
    });

    it('refuses when the split changed since the alert, and sends nothing', async () => {
      const finding = await canary();
      const { target, endpoint } = await endpointOf(finding);
      const v14 = endpoint?.deployedModels.find((m) => m.displayName === 'ranker-v14')?.deployedModelId ?? '';
      // What the audit saw was 90/10; someone has since moved the canary to 20 %.
      const recorded = finding.evidence.trafficSplit ?? [];
      store.sqlite.prepare('UPDATE findings SET evidence = ? WHERE id = ?').run(
        JSON.stringify({
          ...finding.evidence,
          trafficSplit: recorded.map((s) => ({
            ...s,
            percent: s.deployedModelId === v14 ? 80 : 20,
          })),
        }),
        finding.id,
      );
      const outcome = await undeploy(finding.id);
      expect(outcome.result).toBe('refused');
      expect(outcome.message).toMatch(
        /traffic split of the endpoint changed since the alert \(then ranker-v14 80 %, ranker-v15-canary 20 %; now ranker-v14 90 %, ranker-v15-canary 10 %\)/,
      );
      expect(await undeployCalls()).toHaveLength(0);
      expect(getFinding(store, finding.id)?.claimedBy).toBeNull();
      expect((await h.gcp.vertex.getEndpoint(target.endpointName, 'ml-prod'))?.deployedModels).toHaveLength(
        2,
      );
    });

    it('checks against the split the alert showed, even after a later audit refreshed the evidence', async () => {
      const finding = await canary();
      const { endpoint } = await endpointOf(finding);
      const v14 = endpoint?.deployedModels.find((m) => m.displayName === 'ranker-v14')?.deployedModelId ?? '';
      const live = finding.evidence.trafficSplit ?? [];
      const alerted = live.map((s) => ({ ...s, percent: s.deployedModelId === v14 ? 80 : 20 }));
      const setEvidenceSplit = (split: typeof live) =>
        store.sqlite
          .prepare('UPDATE findings SET evidence = ? WHERE id = ?')
          .run(JSON.stringify({ ...finding.evidence, trafficSplit: split }), finding.id);
      // Alerted while the split was 80/20; the audit after it saw 90/10 (the live split) and refreshed the evidence.
      setEvidenceSplit(alerted);
      markAlerted(store, finding.id, SIM_NOW, { channel: 'C1', ts: '1.1' });
      setEvidenceSplit(live);
      const outcome = await undeploy(finding.id);
      expect(outcome.result).toBe('refused');
      expect(outcome.message).toContain(
        'changed since the alert (then ranker-v14 80 %, ranker-v15-canary 20 %',
      );
      expect(await undeployCalls()).toHaveLength(0);
    });

    it('refuses a finding recorded before splits were kept, since it never said where the share goes', async () => {
      const finding = await canary();
      const { trafficSplit: _dropped, ...old } = finding.evidence;
      store.sqlite
        .prepare('UPDATE findings SET evidence = ? WHERE id = ?')
        .run(JSON.stringify(old), finding.id);
      const outcome = await undeploy(finding.id);
      expect(outcome.result).toBe('refused');
      expect(outcome.message).toMatch(/has 10 % of the endpoint's traffic.*did not say where it would go/);
      expect(await undeployCalls()).toHaveLength(0);
    });

    it('the old request, without a split, fails at Google: reported as FAILED_PRECONDITION, not retried', async () => {
      const finding = await canary();
      const d = deps('remediate');
      // Forwards every call, but sends the undeploy as burnrate did before it read splits.
      d.vertex = {
        ...h.gcp.vertex,
        getEndpoint: (name, project) => h.gcp.vertex.getEndpoint(name, project),
        getJob: (name, project) => h.gcp.vertex.getJob(name, project),
        cancelJob: (name, kind) => h.gcp.vertex.cancelJob(name, kind),
        setMinReplicas: (e, id, n, t) => h.gcp.vertex.setMinReplicas(e, id, n, t),
        undeployModel: (endpoint, id, timeoutMs) => h.gcp.vertex.undeployModel(endpoint, id, timeoutMs),
      };
      const outcome = await undeploy(finding.id, d);
      expect(outcome.result).toBe('failed');
      expect(outcome.message).toMatch(
        /^Could not undeploy ranker-v15-canary: Google refused \(FAILED_PRECONDITION\): it still has 10 % of the endpoint's traffic/,
      );
      expect(outcome.message).toContain('nothing was changed');
      const calls = await undeployCalls();
      expect(calls.map((c) => c.status)).toEqual([400]);
      expect(getFinding(store, finding.id)?.claimedBy).toBeNull();
      expect(listAttempts(store, finding.id).map((a) => a.result)).toEqual(['failed']);
    });
  });

  it('never acts on a finding whose stored evidence does not read back as a target', async () => {
    const finding = await idleFindingFor(store, h.gcp, 'ml-research', 'us-central1', 'summarizer-t5-base');
    for (const corrupt of ['{not json', '{"target":{"type":"job"},"facts":[]}', '"a string"']) {
      store.sqlite.prepare('UPDATE findings SET evidence = ? WHERE id = ?').run(corrupt, finding.id);
      expect(getFinding(store, finding.id)?.evidence.target.type).toBe('unreadable');
      const outcome = await remediateFinding(deps('remediate'), {
        findingId: finding.id,
        action: 'undeploy',
        userId: ALLOWED,
      });
      expect(outcome.result).toBe('refused');
    }
    expect(await undeployCalls()).toHaveLength(0);
  });
});
