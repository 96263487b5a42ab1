// Text as Slack delivers it (slash commands, mentions, messages) back into what the person typed. Slack sends &,
// < and > as &amp; &lt; &gt; and turns mentions, channels and links into <…> markup
// (https://api.slack.com/reference/surfaces/formatting#retrieving-messages). Decoded once, here, before any
// parsing; whatever is shown back is escaped once, by src/delivery/blocks/escape.ts.

// One piece of markup: what is inside <…> (Slack escapes < and > everywhere else, so none are nested).
const MARKUP = /<([^<>]*)>/g;

/** What one <…> stands for in a question: a label when there is one, else something readable, or nothing. */
function readMarkup(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? null : inner.slice(bar + 1);
  // People: the bot's own mention (and anyone else's) is not part of the question.
  if (target.startsWith('@')) return ' ';
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!everyone>; <!subteam^S…|@team>; <!date^…|fallback text>.
    if (label !== null) return label;
    const name = target.slice(1).split('^')[0] ?? '';
    return ['here', 'channel', 'everyone'].includes(name) ? `@${name}` : ' ';
  }
  return label ?? target;
}

/** The text as typed: markup read as its label, entities decoded, spaces collapsed. */
export function decodeSlackText(text: string): string {
  return text
    .replace(MARKUP, (_, inner: string) => readMarkup(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
