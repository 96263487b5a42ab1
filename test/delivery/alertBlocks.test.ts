import { describe, expect, it } from 'vitest';
import { alertChannelsFor, scopeCovers } from '../../src/delivery/alerts.js';
import { alertMessage, impactLine, settledAlertMessage } from '../../src/delivery/blocks/alert.js';
import { ALERT_ACTIONS } from '../../src/delivery/blocks/alertActions.js';
import { remediatedNote } from '../../src/delivery/blocks/alertNotes.js';
import { testConfig } from '../audit/fixtures.js';
import { idleEndpointFinding } from '../support/findingFixture.js';

const finding = idleEndpointFinding;

type Elements = Array<{
  action_id: string;
  value: string;
  text: { text: string };
  style?: string;
  confirm?: { text: { text: string } };
}>;
const buttonsOf = (blocks: unknown[]) =>
  (blocks.find((b) => (b as { type: string }).type === 'actions') as { elements: Elements } | undefined)
    ?.elements ?? [];

describe('alert message', () => {
  it.each([
    { mode: 'notify-only', action: 'undeploy', first: ALERT_ACTIONS.snooze24h, label: 'Snooze 24 h' },
    { mode: 'dry-run', action: 'undeploy', first: ALERT_ACTIONS.undeploy, label: 'Dry run: Undeploy model' },
    { mode: 'remediate', action: 'undeploy', first: ALERT_ACTIONS.undeploy, label: 'Undeploy model' },
    { mode: 'remediate', action: 'cancel', first: ALERT_ACTIONS.cancel, label: 'Cancel job' },
    { mode: 'remediate', action: 'scale', first: ALERT_ACTIONS.scale, label: 'Scale min replicas to 2' },
  ] as const)('$mode / $action → first button "$label"', ({ mode, action, first, label }) => {
    const message = alertMessage(finding({ suggestedAction: action, suggestedValue: 2 }), {
      mode,
      timeZone: 'UTC',
    });
    const buttons = buttonsOf(message.blocks);
    expect(buttons[0]?.action_id).toBe(first);
    expect(buttons[0]?.text.text).toBe(label);
    // Every button names finding 7 and the hash of what it is about.
    expect(buttons.map((b) => b.value)).toEqual(buttons.map(() => expect.stringMatching(/^7:[0-9a-f]{12}$/)));
    expect(new Set(buttons.map((b) => b.value)).size).toBe(1);
    expect(buttons.map((b) => b.action_id)).toEqual(
      expect.arrayContaining([ALERT_ACTIONS.snooze24h, ALERT_ACTIONS.snooze7d, ALERT_ACTIONS.notWaste]),
    );
    if (mode === 'remediate') {
      expect(buttons[0]?.style).toBe('danger');
      expect(buttons[0]?.confirm?.text.text).toMatch(/^Saving about \$43\.20\/day: this will /);
      expect(buttons[0]?.confirm?.text.text).toContain('churn on churn-ep');
    }
  });

  it('a recommended redeploy: the saving, the change and its commands in a code block, and no action button', () => {
    const recommended = finding({
      rule: 'underused-accelerator',
      suggestedAction: null,
      impactPerDay: 40.23,
      evidence: {
        ...finding().evidence,
        recommendation: {
          change: 'Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4',
          commands: [
            'gcloud ai endpoints deploy-model 1 \\\n    --display-name=tagger_v2-n1-standard-4',
            'gcloud ai endpoints undeploy-model 1 \\\n    --deployed-model-id=2',
          ],
        },
      },
    });
    expect(impactLine(recommended)).toBe(
      'Saving: $40.23/day · $1,223.66/month (estimate from catalog list prices)',
    );
    for (const mode of ['notify-only', 'dry-run', 'remediate'] as const) {
      const message = alertMessage(recommended, { mode, timeZone: 'UTC' });
      expect(buttonsOf(message.blocks).map((b) => b.action_id)).toEqual([
        ALERT_ACTIONS.snooze24h,
        ALERT_ACTIONS.snooze7d,
        ALERT_ACTIONS.notWaste,
      ]);
      const texts = message.blocks.flatMap((b) => {
        const text = (b as { text?: { text?: string } }).text?.text;
        return text ? [text] : [];
      });
      const section = texts.find((t) => t.startsWith('*Suggested change:*')) ?? '';
      expect(section).toContain('Redeploy on n1-standard-4 with 1 × NVIDIA_TESLA_T4');
      expect(section).toContain('a redeploy is not a one-click action, so there is no button');
      expect(section).toMatch(
        /```gcloud ai endpoints deploy-model 1 \\\n {4}--display-name=tagger_v2-n1-standard-4\ngcloud ai endpoints undeploy-model 1 \\\n {4}--deployed-model-id=2```$/,
      );
    }
  });

  it('says $/day and $/month with their source; unpriced is never $0', () => {
    expect(impactLine(finding())).toBe(
      'Cost: $43.20/day · $1,314.00/month (estimate from catalog list prices)',
    );
    const unpriced = finding({
      impactPerDay: null,
      evidence: { ...finding().evidence, unpricedReason: 'no SKU for B200' },
    });
    expect(impactLine(unpriced)).toBe('Cost: unpriced (no SKU for B200)');
    const confirm = buttonsOf(alertMessage(unpriced, { mode: 'remediate', timeZone: 'UTC' }).blocks)[0]
      ?.confirm;
    expect(confirm?.text.text).toMatch(/^Saving an unpriced amount: this will undeploy churn on churn-ep/);
    expect(JSON.stringify(alertMessage(unpriced, { mode: 'remediate', timeZone: 'UTC' }))).not.toContain(
      '$0',
    );
  });

  it('the confirmation of an undeploy says where the model’s traffic share goes', () => {
    const canary = finding({
      evidence: {
        ...finding().evidence,
        trafficSplit: [
          { deployedModelId: '1', displayName: 'ranker-v14', percent: 90 },
          { deployedModelId: '2', displayName: 'churn on churn-ep', percent: 10 },
        ],
      },
    });
    const confirm = buttonsOf(alertMessage(canary, { mode: 'remediate', timeZone: 'UTC' }).blocks)[0]
      ?.confirm;
    expect(confirm?.text.text).toBe(
      'Saving about $43.20/day: this will undeploy churn on churn-ep (projects/ml-prod/locations/us-central1/endpoints/1/deployedModels/2); its 10 % goes to ranker-v14.',
    );
    // A lone model (or none recorded) hands nothing over, and the confirmation says nothing of it.
    const lone = finding({
      evidence: {
        ...finding().evidence,
        trafficSplit: [{ deployedModelId: '2', displayName: 'churn on churn-ep', percent: 100 }],
      },
    });
    const plain = buttonsOf(alertMessage(lone, { mode: 'remediate', timeZone: 'UTC' }).blocks)[0]?.confirm;
    expect(plain?.text.text).not.toContain('goes to');
  });

  it('a settled alert has no buttons and says what happened', () => {
    const outcome = remediatedNote(
      'Undeployed',
      'U0ACTOR01',
      '2026-11-25 14:00 UTC',
      'Done: undeployed churn.',
    );
    const message = settledAlertMessage(finding(), outcome, 'UTC');
    expect(buttonsOf(message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('*Undeployed* by <@U0ACTOR01>');
    expect(message.text).toContain('Undeployed* by <@U0ACTOR01>');
  });
});

describe('alert routing', () => {
  const channels = testConfig({
    slack: {
      channels: [
        { id: 'CALL00001', alerts: true },
        { id: 'CPROD0001', alerts: true, scope: { projects: ['ml-prod'] } },
        { id: 'CGROWTH01', alerts: true, scope: { labels: { team: 'growth' } } },
        { id: 'CDIGEST01', digest: true },
        { id: 'CRES00001', alerts: true, scope: { projects: ['ml-research'] } },
      ],
    },
  }).slack.channels;
  it('sends to alert channels whose scope covers the finding', () => {
    expect(
      alertChannelsFor(channels, { project: 'ml-prod', labels: { team: 'growth' } }).map((c) => c.id),
    ).toEqual(['CALL00001', 'CPROD0001', 'CGROWTH01']);
    expect(alertChannelsFor(channels, { project: 'ml-research', labels: {} }).map((c) => c.id)).toEqual([
      'CALL00001',
      'CRES00001',
    ]);
  });
  it.each([
    [{ projects: [], labels: {} }, true],
    [{ projects: ['ml-prod'], labels: { team: 'growth' } }, true],
    [{ projects: ['ml-prod'], labels: { team: 'ads' } }, false],
    [{ projects: ['other-proj'], labels: {} }, false],
  ])('scope %j covers: %s', (scope, covers) => {
    expect(scopeCovers(scope, { project: 'ml-prod', labels: { team: 'growth' } })).toBe(covers);
  });
});
