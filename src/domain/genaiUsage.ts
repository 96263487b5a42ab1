// What a generative-AI SKU meters: which kind of token, and how many tokens its usage stands for. Gemini bills
// input, output and cached input tokens on separate SKUs ("Gemini 2.5 Flash GA Text Input - Predictions", "… Text
// Output …", "… Input Text Caching"), and thinking tokens are priced as output (Vertex AI generative AI pricing);
// docs/pipeline.md ("Generative-AI usage") cites the sources.

export const TOKEN_TYPES = ['input', 'output', 'cached', 'other'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

// Order matters: "Input Text Caching" is cached input, "Thinking Text Output" is output. Context-cache storage
// is billed per token-hour, not per token used, so it is "other".
const TOKEN_TYPE_RULES: ReadonlyArray<readonly [RegExp, TokenType]> = [
  [/\bcach(?:e|ing)\s+storage\b|\bstorage\b/i, 'other'],
  [/\bcach(?:ed|ing)\b/i, 'cached'],
  [/\b(?:output|thinking)\b/i, 'output'],
  [/\binput\b/i, 'input'],
];

/** The token type a generative-AI SKU bills, from its description. */
export function genaiTokenType(skuDescription: string): TokenType {
  for (const [pattern, type] of TOKEN_TYPE_RULES) if (pattern.test(skuDescription)) return type;
  return 'other';
}

// Units a token SKU's usage is counted in: the catalog's usage unit for one token is "count"; a scaled unit
// ("1000 count", "1M count") counts that many.
const TOKEN_UNIT = /^(?:(\d+(?:\.\d+)?)\s*([kKM])?\s+)?(?:count|tokens?)$/;
const SCALE: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6 };

/** Tokens a usage amount stands for, or null when its unit is not a count of tokens. */
export function tokensPerUnit(unit: string | null): number | null {
  if (unit === null) return null;
  const match = TOKEN_UNIT.exec(unit.trim());
  if (!match) return null;
  const [, number, scale] = match;
  return (number === undefined ? 1 : Number(number)) * (scale === undefined ? 1 : (SCALE[scale] ?? 1));
}
