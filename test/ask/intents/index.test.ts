import { describe, expect, it } from 'vitest';
import { INTENT_HANDLERS } from '../../../src/ask/intents/index.js';
import { INTENTS } from '../../../src/ask/types.js';

describe('intent registry', () => {
  it('has one handler per intent', () => {
    expect(Object.keys(INTENT_HANDLERS).sort()).toEqual([...INTENTS].sort());
  });

  it('answers spend, top and compare with the one spend handler', () => {
    expect(INTENT_HANDLERS.top).toBe(INTENT_HANDLERS.spend);
    expect(INTENT_HANDLERS.compare).toBe(INTENT_HANDLERS.spend);
  });
});
