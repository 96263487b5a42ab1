// Checks on Block Kit payloads shared by the Slack tests: text Slack would refuse or show wrongly.

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` is not valid UTF-16 (JSON.stringify would emit \udXXX, Slack shows garbage). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}
