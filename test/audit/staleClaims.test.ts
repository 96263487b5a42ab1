// A remediation claim whose holder never settled it (the process was killed, or Google's operation outran the
// wait) must not keep its finding out of the lifecycle for good: the next audit after the claim's stale time
// releases it, records that in remediation_log, and then resolves the finding or lets it alert again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { applyVerdicts, getFinding, listOpenFindings, markAlerted } from '../../src/audit/findings.js';
import type { FindingDraft } from '../../src/audit/model.js';
import { runAudit } from '../../src/audit/runAudit.js';
import { type Config, configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { NOW } from './fixtures.js';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);
const log = createLogger({ level: 'silent' });
// operationTimeoutSeconds 60: a claim is stale 60 s + the one-minute margin after it was taken.
const OPERATION_TIMEOUT_SECONDS = 60;

function config(rulesEnabled: boolean): Config {
  return configSchema.parse({
    remediation: { mode: 'remediate', operationTimeoutSeconds: OPERATION_TIMEOUT_SECONDS },
    rules: {
      idleEndpoint: { enabled: rulesEnabled },
      runawayTraining: { enabled: rulesEnabled },
      overProvisioned: { enabled: rulesEnabled },
    },
  });
}

const draft: FindingDraft = {
  rule: 'idle-endpoint',
  resource: 'projects/ml-prod/locations/us-central1/endpoints/1/deployedModels/2',
  project: 'ml-prod',
  region: 'us-central1',
  severity: 'high',
  title: 'Idle endpoint: m on e',
  reason: 'no predictions',
  evidence: {
    target: {
      type: 'deployed-model',
      endpointName: 'projects/ml-prod/locations/us-central1/endpoints/1',
      deployedModelId: '2',
      displayName: 'm on e',
    },
    facts: [],
  },
  labels: {},
  impactPerDay: 43.2,
  unpricedReason: null,
  suggestedAction: 'undeploy',
  suggestedValue: null,
  observedAt: NOW.toISOString(),
};

/** A finding claimed at `claimedAt` by a holder that never came back, as a killed process leaves it. */
function abandonedClaim(store: Store, claimedAt: Date, alerted: boolean): number {
  const [id] = applyVerdicts(store, [{ kind: 'finding', finding: draft }], [], NOW).opened;
  if (alerted) markAlerted(store, id!, NOW, { channel: 'C0ALERTS1', ts: '1700000000.000100' });
  store.sqlite
    .prepare('UPDATE findings SET claimed_by = ?, claimed_at = ? WHERE id = ?')
    .run('UHOLDER01', claimedAt.toISOString(), id);
  return id!;
}

const logRows = (store: Store, id: number) =>
  store.sqlite
    .prepare('SELECT user_id, action, result, detail FROM remediation_log WHERE finding_id = ? ORDER BY id')
    .all(id) as Array<{ user_id: string; action: string; result: string; detail: string }>;

describe('stale remediation claims', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('a claim younger than its stale time is kept: the audit neither resolves nor re-alerts the finding', () => {
    const id = abandonedClaim(store, NOW, true);
    const result = runAudit({ store, config: config(true), clock: fixedClock(at(1)), log });
    expect(getFinding(store, id)).toMatchObject({ status: 'alerted', claimedBy: 'UHOLDER01' });
    expect(result.changes.resolved).toEqual([]);
    expect(logRows(store, id)).toEqual([]);
  });

  it('past its stale time the audit releases the claim, logs it, and resolves the finding whose resource is gone', () => {
    const id = abandonedClaim(store, NOW, true);
    // No stored deployment: the idle rule no longer sees the resource (an undeploy that went through).
    const result = runAudit({ store, config: config(true), clock: fixedClock(at(3)), log });
    expect(getFinding(store, id)).toMatchObject({ status: 'resolved', claimedBy: null, claimedAt: null });
    expect(result.changes.resolved).toEqual([id]);
    expect(listOpenFindings(store)).toEqual([]);
    const [row] = logRows(store, id);
    expect(row).toMatchObject({ user_id: 'UHOLDER01', action: 'undeploy', result: 'released' });
    expect(row?.detail).toMatch(/claim taken at 2026-11-25T12:00:00\.000Z released by the audit/);
  });

  it('past its stale time a finding the rules cannot judge becomes due for an alert again', () => {
    const id = abandonedClaim(store, NOW, false);
    const before = runAudit({ store, config: config(false), clock: fixedClock(at(1)), log });
    expect(before.due.map((f) => f.id)).toEqual([]);
    const after = runAudit({ store, config: config(false), clock: fixedClock(at(3)), log });
    expect(after.due.map((f) => f.id)).toEqual([id]);
    expect(getFinding(store, id)).toMatchObject({ status: 'open', claimedBy: null });
  });
});
