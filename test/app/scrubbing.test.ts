// Secrets never reach the log or stderr: Google bearer tokens, private keys, Authorization headers at any depth
// and in any case, and the known secret values from the environment — also in the two places that write to
// stderr without the logger (a background failure, an unexpected failure's stack).
import { describe, expect, it } from 'vitest';
import { reportBackgroundFailure } from '../../src/app/backgroundFailure.js';
import { createLogger, scrubSecrets } from '../../src/app/logger.js';
import { exitCodeFor } from '../../src/cli/program.js';

const GOOGLE_TOKEN = 'ya29.a0AfB_byC-9xYz_Token.Part-2_abcdefghijklmnop';
const PEM =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nq1w2e3r4t5y6u7i8o9p0\n-----END PRIVATE KEY-----\n';
const RSA_PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAx1y2z3\n-----END RSA PRIVATE KEY-----';
const BOT_TOKEN = 'xoxb-1111-2222-abcdefSECRET';
const BASIC = 'Basic dXNlcjpzM2NyM3QtcGFzc3dvcmQ=';
const ALL = [
  GOOGLE_TOKEN,
  'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7',
  'MIIEpAIBAAKCAQEAx1y2z3',
  BOT_TOKEN,
];

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
}

describe('log scrubbing', () => {
  it('masks Google tokens, private keys and Authorization headers wherever they are', () => {
    const sink = capture();
    const log = createLogger({ destination: sink.destination, pretty: false });
    log.error(
      {
        gaxios: {
          config: { request: { options: { headers: { Authorization: `Bearer ${GOOGLE_TOKEN}` } } } },
        },
        deep: { a: { b: { c: { d: { AUTHORIZATION: BASIC } } } } },
        list: [{ headers: { 'Proxy-Authorization': BASIC } }],
        key: { credentials: { private_key: PEM }, text: `key was ${RSA_PEM} here` },
        err: new Error(`request with ${GOOGLE_TOKEN} failed; key ${PEM}`),
      },
      `token ${GOOGLE_TOKEN}`,
    );
    const text = sink.lines.join('');
    for (const secret of [...ALL, 'dXNlcjpzM2NyM3QtcGFzc3dvcmQ=']) expect(text).not.toContain(secret);
    expect(text).toContain('[Redacted]');
    expect(() => JSON.parse(sink.lines[0] ?? '')).not.toThrow();
  });

  it.each([
    [`Authorization: Bearer ${GOOGLE_TOKEN}`, 'Authorization: [Redacted]'],
    [`token ${GOOGLE_TOKEN} expired`, 'token [Redacted] expired'],
    [`key ${RSA_PEM} end`, 'key [Redacted] end'],
    ['"authorization":"Bearer abc.def-ghi"', '"authorization":"[Redacted]"'],
    ['authorization=Bearer%20abcdefgh', 'authorization=[Redacted]'],
    // A key cut short (no END line) still goes.
    ['-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADAN', '[Redacted]'],
  ])('scrubs %j', (text, expected) => {
    expect(scrubSecrets(text)).toBe(expected);
  });

  it('a background failure is written without secrets', () => {
    let out = '';
    reportBackgroundFailure(
      new Error(`refresh failed for ${GOOGLE_TOKEN} using ${BOT_TOKEN}`),
      { SLACK_BOT_TOKEN: BOT_TOKEN },
      (text) => {
        out += text;
      },
    );
    expect(out).toMatch(/^burnrate: a background task failed \(continuing\): refresh failed/);
    for (const secret of ALL) expect(out).not.toContain(secret);
  });

  it("an unexpected failure's stack is written without secrets", () => {
    let stderr = '';
    const err = new Error(`boom with ${GOOGLE_TOKEN} and ${BOT_TOKEN} and ${PEM}`);
    const code = exitCodeFor(err, {
      env: { SLACK_BOT_TOKEN: BOT_TOKEN },
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/unexpected failure: Error: boom/);
    expect(stderr).toMatch(/\n\s+at /);
    for (const secret of ALL) expect(stderr).not.toContain(secret);
  });
});
