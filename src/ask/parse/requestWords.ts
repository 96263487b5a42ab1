// The words that make a request rather than say what it is about: "break down …", "display …", "pull up …",
// "I'd like to see …". They carry no meaning of their own, so they are taken before typos are corrected ("print"
// is no misspelling of anything) and before any other step could read them.
import { type ParseState, take } from './state.js';

const REQUEST_RE =
  /\b(?:break(?:ing)?\s(?:it\s|this\s|that\s|them\s|everything\s)?(?:all\s)?down|display|fetch|pull(?:\sup)?|print|summari[sz]e|calculate|compute|check(?:\son)?|find(?:\sout)?|(?:would\s)?(?:want|need|like)(?:\sto)?|overview)\b/g;

export function readRequestWords(state: ParseState): void {
  take(state, REQUEST_RE, () => {});
}
