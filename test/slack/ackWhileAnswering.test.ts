// Answers are worked out in the answer thread, not on the Slack app's event loop: while one answer is still
// being computed, another slash command is acknowledged. The first answer is held in the thread by a gate the
// test opens (Atomics.wait on a shared buffer, as a long synchronous SQLite read would hold it), so nothing here
// depends on how long anything takes: the second acknowledgement must arrive while the first answer cannot have
// been delivered yet. A held answer gets a "working on it" message first.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { answerEngine } from '../../src/ask/engine/answerThread.js';
import { configSchema } from '../../src/config/schema.js';
import { openStore } from '../../src/db/open.js';
import { startTestSlackApp, type TestSlackApp } from '../support/slackApp.js';
import { DEFAULT_TEAM_ID } from '../support/slackSigned.js';

let app: TestSlackApp | null = null;
let dir: string | null = null;

afterEach(async () => {
  await app?.close();
  app = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('acknowledging while an answer is computed', () => {
  it('acknowledges a second slash command while the first answer is still held in the answer thread', async () => {
    dir = mkdtempSync(join(tmpdir(), 'burnrate-ack-'));
    const store = openStore(join(dir, 'test.db'));
    // The gate: closed (0) until the test opens it.
    const hold = new Int32Array(new SharedArrayBuffer(4));
    const slack = { teamId: DEFAULT_TEAM_ID, workingNoticeMs: 50 };
    const config = configSchema.parse({ slack });
    const answers = answerEngine({ store, config, log: createLogger({ level: 'silent' }), hold });
    app = await startTestSlackApp({ store, config: { slack }, answers });
    const { slack: fakeSlack, send } = app;

    const first = await send.command({ text: 'help', response_url: fakeSlack.responseUrl('first') });
    expect(first.status).toBe(200);
    // The first answer is held: what reaches its response URL is only the notice that it is being worked on.
    const notice = await fakeSlack.waitFor('response_url', (c) => c.path.includes('first'));
    expect(String(notice.args.text)).toContain('Working on');
    expect(notice.args.response_type).toBe('ephemeral');

    const second = await send.command({ text: 'help', response_url: fakeSlack.responseUrl('second') });
    expect(second.status).toBe(200);
    // Acknowledged, while the first answer has not been delivered (the gate is still closed).
    const firstCalls = () => fakeSlack.callsOf('response_url').filter((c) => c.path.includes('first'));
    expect(firstCalls()).toHaveLength(1);

    Atomics.store(hold, 0, 1);
    Atomics.notify(hold, 0);
    await fakeSlack.waitFor(
      'response_url',
      (c) => c.path.includes('first') && !String(c.args.text).includes('Working on'),
    );
    await fakeSlack.waitFor(
      'response_url',
      (c) => c.path.includes('second') && !String(c.args.text).includes('Working on'),
    );
    expect(firstCalls()).toHaveLength(2);
    store.close();
  });
});
