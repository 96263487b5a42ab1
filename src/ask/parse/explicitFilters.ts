// Explicit filters: "project:ml-prod", "team=search", "label team=search", "by:team" (label values are
// case-folded like the billing export's).
import { isSpendKind, SPEND_KINDS } from '../../domain/kinds.js';
import { notAProjectId, PROJECT_ID_RE } from './names.js';
import { addGroup, type ParseState, setLabel, take } from './state.js';

const LABEL_KEY_RE = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE_RE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

export function readExplicitFilters(state: ParseState): void {
  const { filters, labelKeys, problems } = state;
  take(state, /(?<=\s)(?:labels?\s)?([a-z][a-z0-9_-]{0,62})\s?[:=]\s?([a-z0-9][a-z0-9_./-]*)(?=\s)/g, (m) => {
    const key = m[1] ?? '';
    const value = m[2] ?? '';
    if (key === 'label' || key === 'by') {
      if (LABEL_KEY_RE.test(value)) addGroup(state, `label:${value}`);
      else problems.push(`"${value}" is not a label key (lowercase letters, digits, _ and -)`);
      return;
    }
    if (key === 'project') {
      if (PROJECT_ID_RE.test(value)) filters.project = value;
      else problems.push(notAProjectId(value));
    } else if (key === 'region' || key === 'location') {
      filters.region = value;
    } else if (key === 'kind') {
      if (isSpendKind(value)) filters.kind = value;
      else problems.push(`kind "${value}" is not one of ${SPEND_KINDS.join(', ')}`);
    } else if (labelKeys.has(key) || (key === 'environment' && labelKeys.has('env'))) {
      if (LABEL_VALUE_RE.test(value)) setLabel(state, key === 'environment' ? 'env' : key, value);
      else problems.push(`"${value}" is not a label value (lowercase letters, digits, _ and -)`);
    } else {
      problems.push(
        `"${key}" is not a label burnrate collects (collected: ${[...labelKeys].join(', ') || 'none'}); filters are project:, region:, kind: or a label`,
      );
    }
  });
}
