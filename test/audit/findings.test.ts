import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertDueReason, findingsDueForAlert } from '../../src/audit/alertDue.js';
import { claimFinding, markRemediated, releaseClaim } from '../../src/audit/claims.js';
import {
  applyVerdicts,
  getFinding,
  listActiveFindings,
  markAlerted,
  summarizeWaste,
} from '../../src/audit/findings.js';
import type { FindingDraft, Severity, Verdict } from '../../src/audit/model.js';
import { allowFinding, snoozeFinding } from '../../src/audit/triage.js';
import { openStore, type Store } from '../../src/db/open.js';
import { NOW } from './fixtures.js';

const HOUR = 3_600_000;
const U1 = { userId: 'U1', teamId: 'T0TEAM001', channel: 'C0ALERTS1' };
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);

function draft(overrides: Partial<FindingDraft> = {}): FindingDraft {
  return {
    rule: 'idle-endpoint',
    resource: 'projects/p/locations/r/endpoints/1/deployedModels/2',
    project: 'ml-prod',
    region: 'us-central1',
    severity: 'high',
    title: 'Idle endpoint: m on e',
    reason: 'no predictions',
    evidence: {
      target: {
        type: 'deployed-model',
        endpointName: 'projects/p/locations/r/endpoints/1',
        deployedModelId: '2',
        displayName: 'm on e',
      },
      facts: [],
    },
    labels: { team: 'growth' },
    impactPerDay: 21.6,
    unpricedReason: null,
    suggestedAction: 'undeploy',
    suggestedValue: null,
    observedAt: NOW.toISOString(),
    ...overrides,
  };
}

const found = (d: Partial<FindingDraft> = {}): Verdict => ({ kind: 'finding', finding: draft(d) });
const RULES = ['idle-endpoint'];

describe('findings lifecycle', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  it('opens one finding per (rule, resource), however often the audit runs', () => {
    applyVerdicts(store, [found()], RULES, NOW);
    applyVerdicts(store, [found()], RULES, at(1));
    const all = listActiveFindings(store);
    expect(all).toHaveLength(1);
    expect(all[0]?.status).toBe('open');
    expect(findingsDueForAlert(store, at(1)).map((f) => f.id)).toEqual([all[0]?.id]);
  });

  it('re-alerts only when severity rises', () => {
    const [id] = applyVerdicts(store, [found({ severity: 'medium' })], RULES, NOW).opened;
    markAlerted(store, id!, NOW, { channel: 'C1', ts: '1.1' });
    applyVerdicts(store, [found({ severity: 'medium' })], RULES, at(1));
    expect(findingsDueForAlert(store, at(1))).toHaveLength(0);
    applyVerdicts(store, [found({ severity: 'low' as Severity })], RULES, at(2));
    expect(findingsDueForAlert(store, at(2))).toHaveLength(0);
    applyVerdicts(store, [found({ severity: 'critical' })], RULES, at(3));
    expect(findingsDueForAlert(store, at(3)).map((f) => f.id)).toEqual([id]);
  });

  it('remembers the split an alert showed, and alerts again once the endpoint’s split is another', () => {
    const split = (v14: number, canary: number) => ({
      evidence: {
        ...draft().evidence,
        trafficSplit: [
          { deployedModelId: '1', displayName: 'ranker-v14', percent: v14 },
          { deployedModelId: '2', displayName: 'canary', percent: canary },
        ],
      },
    });
    const [id] = applyVerdicts(store, [found(split(90, 10))], RULES, NOW).opened;
    expect(getFinding(store, id!)?.alertedSplit).toBeNull();
    markAlerted(store, id!, NOW, { channel: 'C1', ts: '1.1' });
    expect(getFinding(store, id!)?.alertedSplit).toEqual(split(90, 10).evidence.trafficSplit);
    applyVerdicts(store, [found(split(90, 10))], RULES, at(1));
    expect(findingsDueForAlert(store, at(1))).toHaveLength(0);
    // The next audit sees 80/20: the evidence follows, the alert's split stays what the alert said.
    applyVerdicts(store, [found(split(80, 20))], RULES, at(2));
    const refreshed = getFinding(store, id!);
    expect(refreshed?.evidence.trafficSplit).toEqual(split(80, 20).evidence.trafficSplit);
    expect(refreshed?.alertedSplit).toEqual(split(90, 10).evidence.trafficSplit);
    expect(refreshed && alertDueReason(refreshed, at(2))).toBe('split-changed');
    markAlerted(store, id!, at(2), { channel: 'C1', ts: '2.2' });
    expect(getFinding(store, id!)?.alertedSplit).toEqual(split(80, 20).evidence.trafficSplit);
    expect(findingsDueForAlert(store, at(3))).toHaveLength(0);
  });

  it('a snooze suppresses alerts until it ends', () => {
    const [id] = applyVerdicts(store, [found()], RULES, NOW).opened;
    markAlerted(store, id!, NOW);
    expect(snoozeFinding(store, id!, at(24), U1, NOW)).toBe(true);
    for (const h of [1, 12, 23.9]) {
      applyVerdicts(store, [found({ severity: 'critical' })], RULES, at(h));
      expect(findingsDueForAlert(store, at(h))).toHaveLength(0);
    }
    applyVerdicts(store, [found()], RULES, at(24));
    expect(findingsDueForAlert(store, at(24)).map((f) => f.id)).toEqual([id]);
    markAlerted(store, id!, at(24));
    expect(getFinding(store, id!)?.status).toBe('alerted');
    expect(getFinding(store, id!)?.snoozedUntil).toBeNull();
  });

  it('"not waste" silences a finding for good, with its reason', () => {
    const [id] = applyVerdicts(store, [found()], RULES, NOW).opened;
    expect(allowFinding(store, id!, 'warm standby for launch', U1, NOW)).toBe(true);
    applyVerdicts(store, [found({ severity: 'critical' })], RULES, at(100));
    expect(findingsDueForAlert(store, at(100))).toHaveLength(0);
    expect(getFinding(store, id!)).toMatchObject({
      status: 'allowed',
      allowedReason: 'warm standby for launch',
      actedBy: 'U1',
    });
  });

  it('resolves when the condition clears, and reopens when it returns', () => {
    const [id] = applyVerdicts(store, [found()], RULES, NOW).opened;
    markAlerted(store, id!, NOW);
    expect(applyVerdicts(store, [], RULES, at(1)).resolved).toEqual([id]);
    expect(getFinding(store, id!)?.status).toBe('resolved');
    expect(applyVerdicts(store, [found()], RULES, at(2)).reopened).toEqual([id]);
    expect(getFinding(store, id!)).toMatchObject({ status: 'open', alertedAt: null });
  });

  it('an unknown verdict neither resolves nor re-alerts', () => {
    const [id] = applyVerdicts(store, [found()], RULES, NOW).opened;
    markAlerted(store, id!, NOW);
    applyVerdicts(
      store,
      [{ kind: 'unknown', rule: 'idle-endpoint', resource: draft().resource, why: 'Monitoring failed' }],
      RULES,
      at(1),
    );
    expect(getFinding(store, id!)?.status).toBe('alerted');
  });

  it('rules that were not evaluated keep their findings', () => {
    const [id] = applyVerdicts(store, [found()], RULES, NOW).opened;
    applyVerdicts(store, [], ['runaway-training'], at(1));
    expect(getFinding(store, id!)?.status).toBe('open');
  });

  it('a remediated finding stays remediated until sync sees the resource again after the action', () => {
    const [id] = applyVerdicts(store, [found()], RULES, NOW).opened;
    const claim = claimFinding(store, id!, 'U1', at(1), at(-1));
    if (!claim.claimed) throw new Error('expected the claim');
    expect(markRemediated(store, id!, claim.claim, at(1))).toBe(true);
    applyVerdicts(store, [found({ observedAt: NOW.toISOString() })], RULES, at(1.5));
    expect(getFinding(store, id!)?.status).toBe('remediated');
    applyVerdicts(store, [found({ observedAt: at(3).toISOString() })], RULES, at(3));
    expect(getFinding(store, id!)?.status).toBe('open');
  });

  it('exactly one claim wins; a released claim can be taken again; a stale one can be taken over', () => {
    const [id] = applyVerdicts(store, [found()], RULES, NOW).opened;
    const results = Array.from({ length: 20 }, (_, i) => claimFinding(store, id!, `U${i}`, NOW, at(-1)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    const loser = results.find((r) => !r.claimed);
    expect(loser && !loser.claimed && loser.finding?.claimedBy).toBe('U0');
    expect(releaseClaim(store, id!, { userId: 'U0', claimedAt: NOW.toISOString() })).toBe(true);
    expect(claimFinding(store, id!, 'U5', at(1), at(-1)).claimed).toBe(true);
    expect(claimFinding(store, id!, 'U6', at(2), at(1.5)).claimed).toBe(true);
  });

  it('sums priced waste, counts unpriced findings apart, and leaves risks out of the sum', () => {
    applyVerdicts(
      store,
      [
        found(),
        found({ resource: 'x', impactPerDay: null }),
        found({ resource: 'y', impactPerDay: 10 }),
        found({ rule: 'default-timeout', resource: 'z', impactPerDay: 99, suggestedAction: null }),
      ],
      [...RULES, 'default-timeout'],
      NOW,
    );
    const summary = summarizeWaste(listActiveFindings(store));
    expect(summary).toMatchObject({ count: 3, unpricedCount: 1, riskCount: 1 });
    expect(summary.pricedPerDay).toBeCloseTo(31.6);
  });

  it('survives a restart (same database file)', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const path = join(mkdtempSync(join(tmpdir(), 'burnrate-findings-')), 'db.sqlite');
    const first = openStore(path);
    const [id] = applyVerdicts(first, [found()], RULES, NOW).opened;
    snoozeFinding(first, id!, at(24), U1, NOW);
    first.close();
    const second = openStore(path);
    expect(getFinding(second, id!)).toMatchObject({ status: 'snoozed', snoozedUntil: at(24).toISOString() });
    second.close();
  });
});
