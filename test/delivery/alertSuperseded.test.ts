// A finding alerted again (its traffic split changed, its severity rose, its snooze ended) gets a new message, and
// the earlier ones lose their buttons: an old message must not act on what only the new one says.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { applyVerdicts } from '../../src/audit/findings.js';
import type { FindingDraft } from '../../src/audit/model.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/db/open.js';
import { postDueAlerts } from '../../src/delivery/alerts.js';
import { createSlackClient } from '../../src/delivery/slackClient.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const log = createLogger({ level: 'silent' });
const config = configSchema.parse({
  slack: { channels: [{ id: 'CALERTS001', alerts: true }] },
  remediation: { mode: 'remediate', allow: { undeploy: { users: ['UALLOWED01'] } } },
});

function canary(v14: number, share: number): FindingDraft {
  return {
    rule: 'idle-endpoint',
    resource: 'projects/ml-prod/locations/us-central1/endpoints/1/deployedModels/2',
    project: 'ml-prod',
    region: 'us-central1',
    severity: 'medium',
    title: 'Idle endpoint: ranker-v15-canary on search-ranker',
    reason: `No predictions in the last 72 h. If undeployed, its ${share} % goes to ranker-v14.`,
    evidence: {
      target: {
        type: 'deployed-model',
        endpointName: 'projects/ml-prod/locations/us-central1/endpoints/1',
        deployedModelId: '2',
        displayName: 'ranker-v15-canary on search-ranker',
      },
      facts: [],
      trafficSplit: [
        { deployedModelId: '1', displayName: 'ranker-v14', percent: v14 },
        { deployedModelId: '2', displayName: 'ranker-v15-canary', percent: share },
      ],
    },
    labels: {},
    impactPerDay: 5,
    unpricedReason: null,
    suggestedAction: 'undeploy',
    suggestedValue: null,
    observedAt: NOW.toISOString(),
  };
}

let slack: FakeSlack;
let store: Store;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});
afterEach(() => {
  slack.clear();
  store?.close();
});

describe('an alert posted again', () => {
  it('when the split changed: a new message says where the share goes now, the old one loses its buttons', async () => {
    store = openStore(':memory:');
    const env = readRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-test-token-123', SLACK_API_URL: slack.apiUrl });
    const deps = {
      store,
      config,
      clock: fixedClock(NOW),
      log,
      client: createSlackClient(env, config.slack.timeoutMs),
    };
    applyVerdicts(store, [{ kind: 'finding', finding: canary(90, 10) }], ['idle-endpoint'], NOW);
    const first = await postDueAlerts(deps);
    expect(first.posted).toHaveLength(1);
    expect(slack.callsOf('chat.update')).toHaveLength(0);

    // Same split at the next audit: nothing to post.
    applyVerdicts(store, [{ kind: 'finding', finding: canary(90, 10) }], ['idle-endpoint'], NOW);
    expect((await postDueAlerts(deps)).posted).toHaveLength(0);

    applyVerdicts(store, [{ kind: 'finding', finding: canary(80, 20) }], ['idle-endpoint'], NOW);
    const second = await postDueAlerts(deps);
    expect(second.posted).toHaveLength(1);
    const posts = slack.callsOf('chat.postMessage');
    expect(JSON.stringify(posts.at(-1)?.args.blocks)).toContain('its 20 % goes to ranker-v14');

    const updates = slack.callsOf('chat.update');
    expect(updates.map((u) => u.args.ts)).toEqual([first.posted[0]?.ts]);
    const old = JSON.stringify(updates[0]?.args.blocks);
    expect(old).not.toContain('"actions"');
    expect(old).toContain('Superseded by a newer alert');
    expect(old).toContain('the traffic split of the endpoint changed');
  });
});
