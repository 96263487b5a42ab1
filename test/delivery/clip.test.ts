import { describe, expect, it } from 'vitest';
import { clip } from '../../src/delivery/blocks/limits.js';
import { hasLoneSurrogate } from '../support/blockKit.js';

describe('clip', () => {
  it.each([
    // [text, max, expected]
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['abcdefghij', 5, 'abcd…'],
    // An emoji is two UTF-16 units: cutting between them would leave half of it.
    ['ab😀cd', 4, 'ab…'],
    ['ab😀cd', 5, 'ab😀…'],
    ['😀😀😀', 4, '😀…'],
    // An escape is cut whole or not at all: "&am…" would show as text in Slack.
    ['R &amp; D budget', 6, 'R …'],
    ['R &amp; D budget', 9, 'R &amp; …'],
    ['a &lt;b&gt; c', 5, 'a …'],
    ['a &lt;b&gt; c', 10, 'a &lt;b…'],
    ['x&gt;', 4, 'x…'],
    ['', 0, ''],
    ['abc', 0, ''],
    ['abc', 1, '…'],
  ])('clip(%j, %i) = %j', (text, max, expected) => {
    expect(clip(text, max)).toBe(expected);
  });

  it('never exceeds the limit, never splits a code point or an escape', () => {
    const pieces = ['a', '😀', '&amp;', '&lt;', '&gt;', 'é', '👩‍👩‍👧', ' '];
    let text = '';
    for (let i = 0; i < 400; i++) text += pieces[(i * 7 + (i >> 2)) % pieces.length];
    for (let max = 0; max <= 120; max++) {
      const out = clip(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(out)).toBe(false);
      expect(out.replace(/…$/, '')).toMatch(/^(?:[^&]|&amp;|&lt;|&gt;)*$/);
      expect(text.startsWith(out.replace(/…$/, ''))).toBe(true);
    }
  });
});
