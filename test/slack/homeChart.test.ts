// App Home's month-to-date chart by kind, end to end over HTTP: the view is published at once, the chart is drawn
// and uploaded as a private file (shared in no channel), and the view is published again with an image block
// naming the file (slack_file), its alt text carrying the month's figures by kind. The fake Slack refuses an image
// naming a file it has not processed yet, as Slack does. Expected figures come from SQL over billing_daily.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { openStore, type Store } from '../../src/db/open.js';
import { type BillingSeed, seedBilling, setActualThrough } from '../ask/seed.js';
import { structureProblems } from '../support/blockKit.js';
import type { FakeSlackCall } from '../support/fakeSlack.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';

interface ImageBlock {
  type: 'image';
  slack_file: { id: string };
  alt_text: string;
  title: { text: string };
}

const usd = (n: number) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function blocksOf(call: FakeSlackCall): Array<{ type: string }> {
  return (call.args.view as { blocks: Array<{ type: string }> }).blocks;
}
function imageOf(call: FakeSlackCall): ImageBlock | undefined {
  return blocksOf(call).find((b) => b.type === 'image') as ImageBlock | undefined;
}

describe('App Home: month to date by kind as a chart', () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  const logLines: string[] = [];

  const openHome = (user: string) =>
    t.send.event({ type: 'app_home_opened', user, channel: 'D0DM00001', tab: 'home' });
  const publishesTo = (user: string) =>
    t.slack.callsOf('views.publish').filter((c) => c.args.user_id === user);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-home-chart-'));
    store = openStore(join(dir, 'home.db'));
    const rows: BillingSeed[] = [];
    for (let d = 1; d <= 27; d++) {
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      rows.push({ day, cost: 100 + d });
      rows.push({ day, kind: 'prediction', sku: 'Online Prediction', cost: 12.25 });
      rows.push({ day, kind: 'pipelines', sku: 'Pipeline Run', cost: 1 });
    }
    seedBilling(store, rows);
    setActualThrough(store, '2026-11-27');
    const log = createLogger({ level: 'info', destination: { write: (l: string) => void logLines.push(l) } });
    t = await startTestSlackApp({ store, log, config: { slack: { teamId: 'T0FAKE001' } } });
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes at once, uploads the chart privately, then shows it with alt text giving each kind’s month', async () => {
    await openHome('U0HOME001');
    const withImage = await t.slack.waitFor(
      'views.publish',
      (c) => c.args.user_id === 'U0HOME001' && !!imageOf(c),
    );
    const [first] = publishesTo('U0HOME001');
    // The first view goes out before any drawing, without the image; it reads the same otherwise.
    expect(imageOf(first!)).toBeUndefined();
    expect(JSON.stringify(blocksOf(first!))).toContain('Month to date');

    const image = imageOf(withImage)!;
    const complete = t.slack
      .callsOf('files.completeUploadExternal')
      .find((c) => (c.args.files as Array<{ id: string }>)[0]?.id === image.slack_file.id);
    expect(complete).toBeDefined();
    // Private: shared in no channel, so nothing shows up in any conversation.
    expect(complete!.args.channel_id).toBeUndefined();
    expect(complete!.args.channels).toBeUndefined();
    expect(t.slack.file(image.slack_file.id)?.bytes).toBeGreaterThan(0);
    expect(withImage.response).toMatchObject({ ok: true });
    expect(structureProblems(blocksOf(withImage), 100)).toEqual([]);

    const byKind = store.sqlite
      .prepare(
        "SELECT kind, SUM(cost + credits) AS t FROM billing_daily WHERE day >= '2026-11-01' AND day < '2026-11-29' GROUP BY kind ORDER BY t DESC",
      )
      .all() as Array<{ kind: string; t: number }>;
    expect(byKind.map((k) => k.kind)).toEqual(['training', 'prediction', 'pipelines']);
    const alt = image.alt_text;
    for (const k of byKind) expect(alt).toContain(`${k.kind}: ${usd(k.t)}`);
    // The same figures went with the file, for anyone who opens it.
    expect(t.slack.file(image.slack_file.id)?.altTxt).toContain(`training: ${usd(byKind[0]!.t)}`);
    expect(image.title.text).toContain('month to date (Nov 1 – Nov 28), as of 09:00 UTC');
    expect(alt).toContain('as of 09:00 UTC');
  });

  it('opening Home again shows the same drawing at once, without another upload', async () => {
    const uploads = t.slack.callsOf('files.getUploadURLExternal').length;
    const [firstImage] = t.slack
      .callsOf('views.publish')
      .map(imageOf)
      .filter((i) => i !== undefined);
    await openHome('U0HOME002');
    const published = await t.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0HOME002');
    expect(imageOf(published)?.slack_file.id).toBe(firstImage?.slack_file.id);
    await wait(300);
    expect(publishesTo('U0HOME002')).toHaveLength(1);
    expect(t.slack.callsOf('files.getUploadURLExternal')).toHaveLength(uploads);
  });

  it('when the figures move, the drawing is shown for up to an hour (saying when it was drawn), then drawn again', async () => {
    const [kept] = t.slack
      .callsOf('views.publish')
      .map(imageOf)
      .filter((i) => i !== undefined);
    seedBilling(store, [{ day: '2026-11-27', project: 'ml-dev', cost: 50 }]);
    const training = (
      store.sqlite
        .prepare(
          "SELECT SUM(cost + credits) AS t FROM billing_daily WHERE kind = 'training' AND day >= '2026-11-01' AND day < '2026-11-29'",
        )
        .get() as { t: number }
    ).t;
    t.clock.set(new Date('2026-11-28T09:30:00Z'));
    await openHome('U0HOME005');
    const stillKept = await t.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0HOME005');
    expect(imageOf(stillKept)?.slack_file.id).toBe(kept?.slack_file.id);
    // The picture's own figures and time, not the ones above it: the alt text describes what is drawn.
    expect(imageOf(stillKept)?.alt_text).not.toContain(usd(training));
    expect(imageOf(stillKept)?.title.text).toContain('as of 09:00 UTC');

    t.clock.set(new Date('2026-11-28T10:05:00Z'));
    await openHome('U0HOME006');
    const redrawn = await t.slack.waitFor(
      'views.publish',
      (c) => c.args.user_id === 'U0HOME006' && !!imageOf(c),
    );
    expect(imageOf(redrawn)?.slack_file.id).not.toBe(kept?.slack_file.id);
    expect(imageOf(redrawn)?.alt_text).toContain(`training: ${usd(training)}`);
    expect(imageOf(redrawn)?.title.text).toContain('as of 10:05 UTC');
  });

  it('a new day draws a new chart, and the view names it only once Slack has processed the file', async () => {
    t.clock.set(new Date('2026-11-29T10:00:00Z'));
    t.slack.shareFiles({ afterInfoCalls: 1 });
    await openHome('U0HOME003');
    const withImage = await t.slack.waitFor(
      'views.publish',
      (c) => c.args.user_id === 'U0HOME003' && !!imageOf(c),
      10_000,
    );
    const id = imageOf(withImage)!.slack_file.id;
    // files.info was asked until Slack gave the file's type; a view naming it earlier is refused.
    const infos = t.slack.callsOf('files.info').filter((c) => c.args.file === id);
    expect(infos.length).toBeGreaterThanOrEqual(2);
    expect(infos.at(-1)!.at).toBeLessThanOrEqual(withImage.at);
    expect(withImage.response).toMatchObject({ ok: true });
    expect(imageOf(withImage)!.title.text).toContain('(Nov 1 – Nov 29), as of 10:00 UTC');
  });

  it('a chart that cannot be uploaded leaves Home as it reads without it, and the failure is logged', async () => {
    t.clock.set(new Date('2026-11-30T10:00:00Z'));
    t.slack.failNext('files.getUploadURLExternal', 'invalid_auth');
    await openHome('U0HOME004');
    const published = await t.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0HOME004');
    expect(imageOf(published)).toBeUndefined();
    for (let i = 0; i < 100 && !logLines.some((l) => l.includes('Home chart could not be drawn')); i++)
      await wait(50);
    const warning = logLines.find((l) => l.includes('Home chart could not be drawn'));
    expect(warning).toContain('invalid_auth');
    expect(publishesTo('U0HOME004')).toHaveLength(1);
  });
});

describe('App Home chart within slack.defaultScope, for askers only', () => {
  let t: TestSlackApp;
  let store: Store;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-home-scope-'));
    store = openStore(join(dir, 'home.db'));
    const rows: BillingSeed[] = [];
    for (let d = 1; d <= 27; d++) {
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      rows.push({ day, cost: 100 });
      rows.push({ day, project: 'ml-dev', cost: 3.5 });
      rows.push({ day, project: 'ml-dev', kind: 'prediction', sku: 'Online Prediction', cost: 2 });
    }
    seedBilling(store, rows);
    setActualThrough(store, '2026-11-27');
    t = await startTestSlackApp({
      store,
      config: {
        slack: {
          teamId: 'T0FAKE001',
          askers: { users: ['U0LISTED1'] },
          defaultScope: { projects: ['ml-dev'] },
        },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws only the scope’s spend by kind', async () => {
    await t.send.event({ type: 'app_home_opened', user: 'U0LISTED1', channel: 'D0DM00002', tab: 'home' });
    const withImage = await t.slack.waitFor(
      'views.publish',
      (c) => c.args.user_id === 'U0LISTED1' && !!imageOf(c),
    );
    const byKind = store.sqlite
      .prepare(
        "SELECT kind, SUM(cost + credits) AS t FROM billing_daily WHERE project = 'ml-dev' AND day >= '2026-11-01' AND day < '2026-11-29' GROUP BY kind",
      )
      .all() as Array<{ kind: string; t: number }>;
    const alt = imageOf(withImage)!.alt_text;
    for (const k of byKind) expect(alt).toContain(`${k.kind}: ${usd(k.t)}`);
    const allTraining = store.sqlite
      .prepare(
        "SELECT SUM(cost + credits) AS t FROM billing_daily WHERE kind = 'training' AND day < '2026-11-29'",
      )
      .get() as { t: number };
    expect(alt).not.toContain(usd(allTraining.t));
    // The figures above the chart are the scope's too.
    const scopeTotal = byKind.reduce((a, k) => a + k.t, 0);
    expect(JSON.stringify(blocksOf(withImage))).toContain(
      `Month to date (Nov 1 – Nov 28):* ${usd(scopeTotal)}`,
    );
  });

  it('someone not among the askers gets the closed view, and nothing is drawn for them', async () => {
    const uploads = t.slack.callsOf('files.getUploadURLExternal').length;
    await t.send.event({ type: 'app_home_opened', user: 'U0NOTLIST', channel: 'D0DM00003', tab: 'home' });
    const published = await t.slack.waitFor('views.publish', (c) => c.args.user_id === 'U0NOTLIST');
    expect(JSON.stringify(blocksOf(published))).toContain('slack.askers');
    expect(imageOf(published)).toBeUndefined();
    await wait(300);
    expect(t.slack.callsOf('files.getUploadURLExternal')).toHaveLength(uploads);
  });
});
