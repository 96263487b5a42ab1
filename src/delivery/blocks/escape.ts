// The one place text is made safe for Slack. Names burnrate shows (endpoints, models, jobs, label values, SKUs),
// Google's error texts and what people type are chosen by others: anyone who can create a Vertex AI resource
// picks its display name. Unescaped, a model named "<!channel> <https://evil|Re-authenticate>" pings a channel
// and shows a phishing link, and "*beta*" turns bold.
//
// Slack reads &, < and > as control characters in every text object and in a message's `text`; they must be
// sent as &amp; &lt; &gt;, and nothing else is to be entity-encoded
// (https://api.slack.com/reference/surfaces/formatting#escaping). mrkdwn has no escape for its formatting
// characters, so in names they are swapped for look-alikes that mrkdwn ignores, as the jsx-slack library
// documents for text it cannot escape ("About escape and exact mode"): ∗ U+2217, ˍ U+02CD, ∼ U+223C, ˋ U+02CB.
// Invisible characters are no answer: a zero-width space next to * or _ is what makes Slack format inside a
// word. An underscore between two letters or digits (snake_case) is left alone: mrkdwn only formats at word
// boundaries, so names like ml_prod stay as typed. A leading > (a quote in mrkdwn, even as &gt;) gets an
// invisible soft hyphen before it, and line breaks in a name become spaces, so a name cannot start a line.

/** Text safe to put in a mrkdwn field as it is: made by the functions here, or composed only of their output. */
export type Mrkdwn = string & { readonly __brand: 'Mrkdwn' };

const LOOK_ALIKE: Readonly<Record<string, string>> = {
  '*': '\u2217',
  _: '\u02CD',
  '~': '\u223C',
  '`': '\u02CB',
};
const SOFT_HYPHEN = '\u00AD';
// Letters and digits: an underscore between two of them never starts or ends mrkdwn formatting.
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Line breaks and other control characters (tab included) that would break a name out of its line.
const CONTROL = /[\p{Cc}\u2028\u2029]+/gu;
// A Slack user id, as in <@U024BE7LH> (ids are about ten characters; the bound keeps a mention short).
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** &, < and > as Slack's entities: for text of our own that may contain them. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line of text from outside (a name, an error, a reason) for a mrkdwn field or a message's `text`. */
export function escapeName(text: string): Mrkdwn {
  const line = text.replace(CONTROL, ' ');
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    const swap = LOOK_ALIKE[ch];
    const intraword =
      ch === '_' && i > 0 && WORD_CHAR.test(line[i - 1] ?? '') && WORD_CHAR.test(line[i + 1] ?? '');
    out += swap && !intraword ? swap : ch;
  }
  const escaped = escapeText(out);
  return (escaped.startsWith('&gt;') ? `${SOFT_HYPHEN}${escaped}` : escaped) as Mrkdwn;
}

/** Several lines from outside (an answer's text), each escaped as by escapeName. */
export function escapeLines(text: string): Mrkdwn {
  return text.split('\n').map(escapeName).join('\n') as Mrkdwn;
}

/** Text from outside for a plain_text field: mrkdwn is not parsed there, but &, < and > still are. */
export function plainName(text: string): string {
  return escapeText(text.replace(CONTROL, ' '));
}

/** A live mention of a Slack user, or the id as inert text when it is not one. */
export function mention(userId: string): Mrkdwn {
  return (USER_ID.test(userId) ? `<@${userId}>` : escapeName(userId)) as Mrkdwn;
}

/** Joins mrkdwn built from escaped parts: our own markup around them, written here rather than by hand. */
export function mrkdwn(strings: TemplateStringsArray, ...parts: Mrkdwn[]): Mrkdwn {
  return strings.reduce((out, s, i) => out + s + (i < parts.length ? parts[i] : ''), '') as Mrkdwn;
}
