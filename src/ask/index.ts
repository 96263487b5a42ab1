export { askQuestion } from './askQuestion.js';
export type { AskContext } from './context.js';
export { toAskJson } from './json.js';
export { type ParseContext, parseQuestion } from './parse/index.js';
export type { Answer, ParsedQuestion } from './types.js';
