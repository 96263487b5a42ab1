// The demo prompt fed from stdin, as a script or a pipe does: a question, an undeploy through the same
// remediation path as Slack, bad input, quit. The database is kept (--db) to check what was recorded.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_NOW, start } from './support/childProcess.js';

const dir = mkdtempSync(join(tmpdir(), 'burnrate-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('burnrate demo reading commands from stdin', () => {
  it('answers, undeploys the idle model for real, handles bad input, and stops at quit', async () => {
    const db = join(dir, 'demo.db');
    const demo = start('npx', ['tsx', 'src/main.ts', '--now', DEMO_NOW, '--db', db, 'demo']);
    const intro = await demo.waitForOutput('Your turn', 90_000);
    // The idle endpoint's finding number, from the alert the demo printed.
    const idleId = /Fix: undeploy summarizer-t5-base on summarizer-t4-legacy → type `undeploy (\d+)`/.exec(
      intro,
    )?.[1];
    expect(idleId, intro).toBeDefined();
    const alertsBefore = intro.split('Open alerts (').length;

    demo.child.stdin.write(
      [
        'which endpoints are idle?',
        `undeploy ${idleId}`,
        `undeploy ${idleId}`,
        'undeploy 999',
        'scale',
        `cancel ${idleId}`,
        'quit',
        'alerts',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await demo.finished;
    expect(code, stderr).toBe(0);
    const session = stdout.slice(stdout.indexOf('Your turn'));

    // The question is answered by the ask engine, as in Slack.
    const answer = session.split('burnrate> which endpoints are idle?\n')[1]?.split('burnrate> ')[0] ?? '';
    expect(answer).toContain('summarizer-t5-base');
    expect(answer).toContain('$40.30');

    // The undeploy went through remediateFinding and changed the simulator's endpoint; sync + audit show it.
    expect(session).toContain(
      `burnrate> undeploy ${idleId}\n✔ Done: undeployed summarizer-t5-base on summarizer-t4-legacy.`,
    );
    expect(session).toContain(
      'Google Cloud now: summarizer-t5-base on summarizer-t4-legacy is no longer deployed; endpoint summarizer-t4-legacy has 0 deployed model(s) left.',
    );
    expect(session).toMatch(
      new RegExp(`Finding #${idleId} is now remediated by U0DEMOUSER at 2026-11-28 12:00 UTC\\.`),
    );
    expect(stderr).toContain(
      'Re-checking the live resource, then asking Google to undeploy summarizer-t5-base',
    );

    // Exactly once: the second attempt is refused as already done.
    expect(session).toMatch(/✘ Already done by U0DEMOUSER .*\(logged: already-done\)/);

    // Bad input: clear messages, the prompt carries on.
    expect(session).toContain('There is no finding #999; `alerts` lists the open ones with their numbers.');
    expect(session).toContain('scale: expected a finding number after it, e.g. `scale 3` (found nothing;');
    expect(session).toMatch(
      new RegExp(
        `Finding #${idleId} \\(Idle endpoint: .*\\) suggests undeploy, not cancel: type \`undeploy ${idleId}\`\\.`,
      ),
    );

    // Nothing after quit ran.
    expect(session).not.toContain('burnrate> alerts');
    expect(stdout.split('Open alerts (').length - alertsBefore).toBe(1); // the summary after the undeploy

    // Recorded like a click in Slack: one successful attempt by the demo user, one already-done.
    const sqlite = new Database(db, { readonly: true });
    try {
      const attempts = sqlite
        .prepare('SELECT user_id, action, result FROM remediation_log WHERE finding_id = ? ORDER BY id')
        .all(Number(idleId));
      expect(attempts).toEqual([
        { user_id: 'U0DEMOUSER', action: 'undeploy', result: 'ok' },
        { user_id: 'U0DEMOUSER', action: 'undeploy', result: 'already-done' },
      ]);
      const finding = sqlite
        .prepare('SELECT status, acted_by FROM findings WHERE id = ?')
        .get(Number(idleId));
      expect(finding).toEqual({ status: 'remediated', acted_by: 'U0DEMOUSER' });
    } finally {
      sqlite.close();
    }
  }, 120_000);
});
