import { describe, expect, it } from 'vitest';
import { escapeLines, escapeName, escapeText, mention, plainName } from '../../src/delivery/blocks/escape.js';

describe('escaping text for Slack', () => {
  it.each([
    // [from outside, as sent in mrkdwn]
    ['churn-model-v3', 'churn-model-v3'],
    ['R&D', 'R&amp;D'],
    ['<!channel> <https://evil|Re-authenticate>', '&lt;!channel&gt; &lt;https://evil|Re-authenticate&gt;'],
    ['&amp;', '&amp;amp;'],
    ['*beta*', '\u2217beta\u2217'],
    ['_draft_', '\u02CDdraft\u02CD'],
    ['~old~', '\u223Cold\u223C'],
    ['`rm -rf`', '\u02CBrm -rf\u02CB'],
    // snake_case names stay as typed: mrkdwn does not format inside a word.
    ['ml_prod_eu', 'ml_prod_eu'],
    [':white_check_mark:', ':white_check_mark:'],
    ['a _b_ c', 'a \u02CDb\u02CD c'],
    // A name cannot start a line or a quote.
    ['line one\nline two', 'line one line two'],
    ['> quoted', '\u00AD&gt; quoted'],
    ['tab\there', 'tab here'],
    ['😀 émoji', '😀 émoji'],
  ])('%j → %j', (name, sent) => {
    expect(escapeName(name)).toBe(sent);
  });

  it('escapes only &, < and > in our own text and in plain_text fields', () => {
    expect(escapeText('a < b & c > d *e*')).toBe('a &lt; b &amp; c &gt; d *e*');
    expect(plainName('*beta* <@U1>\nx')).toBe('*beta* &lt;@U1&gt; x');
  });

  it('escapes each line of several', () => {
    expect(escapeLines('Spend: $1\n> *x*')).toBe('Spend: $1\n\u00AD&gt; \u2217x\u2217');
  });

  it('mentions only what is a Slack user id', () => {
    expect(mention('U024BE7LH')).toBe('<@U024BE7LH>');
    expect(mention('W0ENTERPRISE1')).toBe('<@W0ENTERPRISE1>');
    expect(mention('<!channel>')).toBe('&lt;!channel&gt;');
    expect(mention('U1|x')).toBe('U1|x');
  });
});
