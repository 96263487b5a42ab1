// burnrate's own commands as child processes (src/app/childProcess.ts), as serve runs its sync passes and
// digests: their log lines come through into the parent's log, their peak memory is reported, a failure says
// what went wrong, and one that runs past its time or is told to stop is stopped.
import { describe, expect, it } from 'vitest';
import { nodeArgsFor, runChild } from '../../src/app/childProcess.js';
import { createLogger } from '../../src/app/logger.js';
import { childFailure } from '../../src/serve/childJobs.js';

function capturedLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({
    level: 'debug',
    destination: { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, unknown>) },
  });
  return { log, lines };
}

describe("a child's Node options", () => {
  it("keep the parent's own (tsx's loader), not the bot's heap limits; a TypeScript entry gets tsx", () => {
    const serve = ['--max-semi-space-size=1', '--max-old-space-size=128', '--enable-source-maps'];
    expect(nodeArgsFor('/app/dist/main.js', serve)).toEqual(['--enable-source-maps']);
    expect(nodeArgsFor('/app/src/main.ts', ['--import', 'tsx'])).toEqual(['--import', 'tsx']);
    expect(nodeArgsFor('/app/src/main.ts', ['--conditions', 'development'])).toEqual([
      '--conditions',
      'development',
      '--import',
      'tsx',
    ]);
  });
});

describe('a burnrate command in a child process', () => {
  it('ends with its exit code and peak memory, its output in the parent log', async () => {
    const { log, lines } = capturedLog();
    const result = await runChild({ name: 'help', args: ['--help'], timeoutMs: 60_000, log });
    expect(result).toMatchObject({ code: 0, timedOut: false, stopped: false });
    expect(result.peakRssMb).toBeGreaterThan(10);
    expect(lines.some((l) => l.job === 'help' && String(l.msg).includes('Usage: burnrate'))).toBe(true);
    expect(childFailure('help', result, 60_000)).toBeNull();
  });

  it('a failure keeps what the child said was wrong', async () => {
    const { log } = capturedLog();
    const result = await runChild({
      name: 'audit',
      args: ['--config', '/nonexistent/burnrate.yaml', 'audit'],
      timeoutMs: 60_000,
      log,
    });
    expect(result.code).toBe(2);
    expect(result.problems.join('\n')).toContain('/nonexistent/burnrate.yaml');
    expect(childFailure('the audit', result, 60_000)).toMatch(
      /^the audit exited with code 2: .*burnrate\.yaml/,
    );
  });

  it('one still running after its time is stopped, and so is one whose parent stops', async () => {
    const { log } = capturedLog();
    // The simulator runs until it is stopped.
    const late = await runChild({ name: 'sim', args: ['sim', '--port', '0'], timeoutMs: 1_500, log });
    expect(late.timedOut).toBe(true);
    expect(childFailure('the sync pass', late, 1_500)).toMatch(/ran longer than 0 min and was stopped/);

    const stopping = new AbortController();
    const running = runChild({
      name: 'sim',
      args: ['sim', '--port', '0'],
      timeoutMs: 60_000,
      log,
      signal: stopping.signal,
    });
    setTimeout(() => stopping.abort(), 500);
    const stopped = await running;
    expect(stopped.stopped).toBe(true);
    expect(childFailure('digest 2026-W47', stopped, 60_000)).toBe(
      'digest 2026-W47 was stopped: burnrate is shutting down',
    );
  });
});
