// Slack's Block Kit limits (https://api.slack.com/reference/block-kit): payloads over them are rejected with
// invalid_blocks, so builders clip text and counts with these.

export const SECTION_TEXT_MAX = 3000;
export const HEADER_TEXT_MAX = 150;
export const CONTEXT_ELEMENT_TEXT_MAX = 3000;
export const MESSAGE_BLOCKS_MAX = 50;
export const HOME_VIEW_BLOCKS_MAX = 100;
export const BUTTON_VALUE_MAX = 2000;
export const ACTION_ID_MAX = 255;
export const BUTTON_TEXT_MAX = 75;
// An image block's alt_text and title (https://docs.slack.dev/reference/block-kit/blocks/image-block).
export const IMAGE_ALT_TEXT_MAX = 2000;
export const IMAGE_TITLE_MAX = 2000;
// Slack truncates a message's top-level notification text well before this; 4000 keeps it readable.
export const FALLBACK_TEXT_MAX = 4000;

// What a cut may leave dangling at its end: half of a surrogate pair, or the start of one of the escapes
// (&amp; &lt; &gt;) Slack decodes; either would show as garbage.
const DANGLING_TAIL = /(?:[\uD800-\uDBFF]|&(?:a|am|amp|l|lt|g|gt)?)$/;

/**
 * Cuts `text` to at most `max` UTF-16 units (what Slack counts), ending with an ellipsis when cut. The cut falls
 * between code points and never inside an escape.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${text.slice(0, max - 1).replace(DANGLING_TAIL, '')}…`;
}

/**
 * `render(names)` within `max`, shortening the names (already escaped) rather than the words and figures around
 * them, so a long name never pushes "$43.20/day" out of a text. The room left is shared fairly: short names stay
 * whole and the longest give way.
 */
export function fitNames(
  max: number,
  names: readonly string[],
  render: (names: readonly string[]) => string,
): string {
  const full = render(names);
  if (full.length <= max) return full;
  let room = max - render(names.map(() => '')).length;
  const fitted = [...names];
  const shortestFirst = names
    .map((_, i) => i)
    .sort((a, b) => (names[a]?.length ?? 0) - (names[b]?.length ?? 0));
  shortestFirst.forEach((index, done) => {
    const name = names[index] ?? '';
    const share = Math.floor(Math.max(0, room) / (shortestFirst.length - done));
    const kept = name.length <= share ? name : clip(name, share);
    fitted[index] = kept;
    room -= kept.length;
  });
  return clip(render(fitted), max);
}
