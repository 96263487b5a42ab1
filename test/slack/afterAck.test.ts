// The wait between a handler's acknowledgement and its work (src/slack/afterAck.ts), on a clock the test moves:
// the work waits while requests keep arriving, goes once a quiet gap has passed, and never waits past its cap.
import { describe, expect, it } from 'vitest';
import { ackFirst } from '../../src/slack/afterAck.js';

function steppedClock() {
  let t = 0;
  const slept: number[] = [];
  const onSleep: Array<() => void> = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
      onSleep.shift()?.();
    },
    slept,
    /** Runs `fn` after the n-th sleep from now (a request arriving meanwhile). */
    during: (fn: () => void) => onSleep.push(fn),
  };
}

describe('acknowledgements first', () => {
  it('goes after one quiet gap when nothing else arrives', async () => {
    const clock = steppedClock();
    const gate = ackFirst(clock);
    gate.noteRequest();
    await gate.afterAck();
    expect(clock.slept).toEqual([10]);
  });

  it('waits while requests keep arriving, then goes once they stop', async () => {
    const clock = steppedClock();
    const gate = ackFirst(clock);
    gate.noteRequest();
    for (let i = 0; i < 4; i++) clock.during(() => gate.noteRequest());
    await gate.afterAck();
    // Four gaps each ended by a new request, then one quiet one.
    expect(clock.slept).toEqual([10, 10, 10, 10, 10]);
  });

  it('never waits longer than a second, however busy Slack keeps it', async () => {
    const clock = steppedClock();
    const gate = ackFirst(clock);
    for (let i = 0; i < 1000; i++) clock.during(() => gate.noteRequest());
    await gate.afterAck();
    expect(clock.now()).toBe(1000);
  });
});
