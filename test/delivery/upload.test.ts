// Chart upload through Slack's external flow: the screen-reader text goes in `alt_txt` (the argument
// files.getUploadURLExternal documents), and an upload only counts once Slack shows it in the channel —
// files.completeUploadExternal answers ok before sharing, and sometimes never shares.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/clock.js';
import { createLogger } from '../../src/app/logger.js';
import { readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { postWeeklyDigests } from '../../src/delivery/digest.js';
import { uploadFile, uploadPrivateFile } from '../../src/delivery/post.js';
import { createSlackClient } from '../../src/delivery/slackClient.js';
import { weekRange } from '../../src/report/period.js';
import { eachDay } from '../../src/time/days.js';
import { insertBilling, setActualThrough, type TempStore, tempStore } from '../report/support/seed.js';
import { type FakeSlack, startFakeSlack } from '../support/fakeSlack.js';

const noWait = { sleep: async () => {} };
let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});
afterEach(() => slack.clear());

const client = () =>
  createSlackClient(
    readRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-test-token-123', SLACK_API_URL: slack.apiUrl }),
    10_000,
  );
const chart = {
  channel: 'C0DIGEST1',
  threadTs: '1700000000.000100',
  filename: 'burnrate-2026-W43.png',
  title: 'Daily spend by kind',
  altText: 'Stacked bar chart of daily ML spend by kind over 8 weeks',
  data: Buffer.from('not really a png'),
  timeoutMs: 10_000,
};

describe('uploading a file to Slack', () => {
  it('sends the screen-reader text as alt_txt', async () => {
    const id = await uploadFile(client(), chart, noWait);
    expect(slack.file(id)?.altTxt).toBe(chart.altText);
    expect(slack.file(id)?.bytes).toBe(chart.data.length);
  });

  it('waits until Slack has shared the file in the channel', async () => {
    slack.shareFiles({ afterInfoCalls: 2 });
    const id = await uploadFile(client(), chart, noWait);
    expect(slack.file(id)?.infoCalls).toBe(3);
  });

  it('fails when Slack answers ok but never shows the file in the channel', async () => {
    slack.shareFiles('never');
    await expect(uploadFile(client(), chart, noWait)).rejects.toThrow(
      /not shared in C0DIGEST1 .*files\.completeUploadExternal/,
    );
  });

  it('a digest whose chart never appears is posted without it, and says so', async () => {
    const t: TempStore = tempStore();
    try {
      insertBilling(
        t.store,
        eachDay('2026-09-01', '2026-10-26').map((day) => ({ day, cost: 100, kind: 'training' as const })),
      );
      setActualThrough(t.store, '2026-10-25');
      const config = configSchema.parse({
        slack: { channels: [{ id: 'C0DIGEST1', name: 'ml-costs', digest: true }] },
      });
      const lines: string[] = [];
      const log = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
      slack.shareFiles('never');
      const result = await postWeeklyDigests(
        {
          store: t.store,
          config,
          clock: fixedClock(new Date('2026-10-26T08:00:00Z')),
          log,
          client: client(),
          retry: noWait,
        },
        weekRange('2026-W43')!,
      );
      expect(result.posted).toHaveLength(1);
      expect(result.posted[0]?.chartFileId).toBeNull();
      const warning = lines
        .map((l) => JSON.parse(l))
        .find((l) => l.msg === 'digest posted without its chart');
      expect(warning?.err).toMatch(/not shared in C0DIGEST1/);
    } finally {
      t.dispose();
    }
  });

  it('a private upload is shared nowhere and resolves once Slack has processed the file', async () => {
    slack.shareFiles({ afterInfoCalls: 1 });
    const { channel: _channel, threadTs: _threadTs, ...privateChart } = chart;
    const id = await uploadPrivateFile(client(), privateChart, noWait);
    const complete = slack.callsOf('files.completeUploadExternal').at(-1);
    expect(complete?.args.channel_id).toBeUndefined();
    expect(complete?.args.thread_ts).toBeUndefined();
    expect(slack.file(id)?.channel).toBeUndefined();
    expect(slack.file(id)?.infoCalls).toBe(2);
  });

  it('a private upload Slack never processes is an error naming the file', async () => {
    slack.shareFiles('never');
    const { channel: _channel, threadTs: _threadTs, ...privateChart } = chart;
    await expect(uploadPrivateFile(client(), privateChart, noWait)).rejects.toThrow(
      /file F\w+ was uploaded but Slack had not processed it/,
    );
  });
});
