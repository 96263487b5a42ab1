import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/app/logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe('logger redaction', () => {
  it('never writes Slack tokens or signing secrets placed in logged objects', () => {
    const sink = capture();
    const log = createLogger({
      destination: sink.destination,
      pretty: false,
      secrets: ['s3cr3t-signing-value'],
    });
    log.info(
      {
        slack: {
          botToken: 'xoxb-111-222-abc',
          signingSecret: 's3cr3t-signing-value',
          appToken: 'xapp-1-A1-xyz',
        },
        headers: { authorization: 'Bearer xoxb-111-222-abc', 'x-slack-signature': 'v0=deadbeef' },
        note: 'posting with xoxb-999-888-zzz failed',
      },
      'calling slack',
    );
    log.error({ err: new Error('bad token xoxp-123-abc and s3cr3t-signing-value') }, 'failed');
    const text = sink.lines.join('');
    for (const secret of [
      'xoxb-111-222-abc',
      's3cr3t-signing-value',
      'xapp-1-A1-xyz',
      'xoxb-999-888-zzz',
      'xoxp-123-abc',
      'deadbeef',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[Redacted]');
    expect(JSON.parse(sink.lines[0] ?? '{}').msg).toBe('calling slack');
  });

  it('scrubs token shapes from free text', () => {
    expect(scrubSecrets('token=xoxb-1-2-3 ok')).toBe('token=[Redacted] ok');
  });
});
