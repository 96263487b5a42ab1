// The unit cost's subject: "for fraud-model", "of the fraud-model endpoint".
import { isValueWord } from './names.js';
import { type ParseState, take } from './state.js';

export function readSubject(state: ParseState): void {
  if (!state.found.has('unit_cost')) return;
  // A name burnrate knows, found before any pattern could split it, is the subject.
  const [known] = state.knownNames;
  if (known) {
    state.subject = known;
    state.knownNames.shift();
  }
  const use = (m: RegExpExecArray) => {
    const value = m[1] ?? '';
    if (state.subject || !isValueWord(value)) return false;
    state.subject = value;
  };
  take(
    state,
    /\b(?:for|of|on)\s(?:the\s)?(?:endpoint\s|model\s)?([a-z0-9][a-z0-9_.-]*)(?:\s(?:endpoint|model))?\b/g,
    use,
  );
  take(state, /\b([a-z0-9][a-z0-9_.-]*)\s(?:endpoint|model)\b/g, use);
}
