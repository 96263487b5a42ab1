// The question's text before any step reads it, and the questions that only ask for help.

/**
 * Lowercase, unify quotes, drop punctuation that carries no meaning (and anything that looks like markup) and
 * contractions that add nothing the parser reads ("I'd like", "we've spent").
 */
export function normalizeQuestion(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\bwhat'?s\b/g, 'what is')
    .replace(/\b(\w+)'s\b/g, '$1')
    .replace(/\b(\w+)'(?:d|ll|ve|re|m)\b/g, '$1')
    .replace(/\$/g, ' $ ')
    .replace(/[^a-z0-9$:=_\-./\s]/g, ' ')
    .replace(/\.(?!\d)/g, ' ')
    .replace(/(^|\s)[-/]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const HELP_RE =
  /^(?:help|\?|examples?|commands?|usage|what can (?:you|i) (?:do|ask)|how (?:do i|to) use(?: this| you| it)?|what do you do|hi|hello|hey)$/;

/** True for an empty question and the ways of asking what burnrate can do (of a normalized question). */
export function isHelpRequest(text: string): boolean {
  return text === '' || HELP_RE.test(text);
}
