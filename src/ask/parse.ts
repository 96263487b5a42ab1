// Question text → typed query. Deterministic and pure: the same words and "today" always give the same query.
// Each recognizer consumes the words it understood; words left over make the question "not understood", so the
// answer can say exactly what was and was not understood instead of guessing.
import type { Day } from '../time/days.js';
import { monthToDate, NUMBER_WORDS, parseCount, previousPeriod, scanPeriods } from './periods.js';
import {
  type AskFilters,
  type Dimension,
  type Intent,
  KINDS,
  type Kind,
  type ParsedQuestion,
  type Period,
} from './types.js';
import { correctWord, FILLER_WORDS, KNOWN_WORDS } from './vocabulary.js';

export interface ParseContext {
  /** Today as a calendar day in the configured time zone. */
  today: Day;
  /** Label keys the billing export collects (config.google.billingExport.labelKeys). */
  labelKeys: readonly string[];
  /** Project ids burnrate knows (config and billing data), recognized when written bare. */
  projects: readonly string[];
}

/** What the parser noticed about the writing itself, beside what the question asks. */
export interface ParseNotes {
  /** Problems with what was written (an impossible date, an unknown label key), in words. */
  problems: string[];
  /** Typos read as other words, e.g. "trainig → training". */
  corrections: string[];
}

export type ParseResult = ParsedQuestion & ParseNotes;

/** What the recognizers have found so far; `toQuestion` turns it into the intent's variant. */
interface ParseDraft extends ParseNotes {
  intent: Intent | null;
  period: Period | null;
  periodWords: string | null;
  groupBy: Dimension[];
  filters: AskFilters;
  topN: number | null;
  comparison: Period | null;
  /** True when the question named a comparison period (or "the week before"). */
  comparisonExplicit: boolean;
  subject: string | null;
  unrecognized: string[];
}

// Rows shown for "top" questions that do not say how many.
export const DEFAULT_TOP_N = 5;
// More rows than this stop being an answer and become a report.
export const MAX_TOP_N = 50;

const LABEL_KEY_RE = /^[a-z][a-z0-9_-]{0,62}$/;
const LABEL_VALUE_RE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const PROJECT_ID_RE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const REGION_RE = /\b([a-z]+-[a-z]+\d+)\b/g;

/** Lowercase, unify quotes, drop punctuation that carries no meaning (and anything that looks like markup). */
export function normalizeQuestion(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\bwhat'?s\b/g, 'what is')
    .replace(/\b(\w+)'s\b/g, '$1')
    .replace(/\$/g, ' $ ')
    .replace(/[^a-z0-9$:=_\-./\s]/g, ' ')
    .replace(/\.(?!\d)/g, ' ')
    .replace(/(^|\s)[-/]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Dim {
  pattern: string;
  dimension: Dimension;
}

function dimensionWords(labelKeys: readonly string[]): Dim[] {
  const dims: Dim[] = [
    { pattern: 'projects?', dimension: 'project' },
    { pattern: 'regions?|locations?', dimension: 'region' },
    { pattern: 'kinds?|types?|workloads?|categor(?:y|ies)', dimension: 'kind' },
    { pattern: 'skus?|line items?', dimension: 'sku' },
    { pattern: 'endpoints?', dimension: 'endpoint' },
    { pattern: 'models?', dimension: 'model' },
    { pattern: '(?:training |pipeline )?jobs?', dimension: 'job' },
    { pattern: 'machine[ _]types?|machines?|instance types?|vms?', dimension: 'machine_type' },
    { pattern: 'accelerator(?: type)?s?|gpu(?: type)?s?|tpus?|chips?', dimension: 'accelerator' },
    { pattern: 'teams?', dimension: 'label:team' },
    { pattern: 'envs?|environments?', dimension: 'label:env' },
  ];
  for (const key of labelKeys) {
    if (!dims.some((d) => new RegExp(`^(?:${d.pattern})$`).test(key))) {
      dims.push({ pattern: escapeRe(key), dimension: `label:${key}` });
    }
  }
  return dims;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

const NUMBER_ALT = `\\d{1,3}|${Object.keys(NUMBER_WORDS)
  .filter((w) => w !== 'a')
  .join('|')}`;

interface IntentRule {
  intent: Exclude<Intent, 'help'>;
  pattern: RegExp;
}

// Listed in priority order: when several match, the earlier one is what the question is about.
const INTENT_RULES: IntentRule[] = [
  { intent: 'budget', pattern: /\b(?:budgets?(?:\sstatus)?|over\sbudget|under\sbudget)\b/g },
  {
    intent: 'forecast',
    pattern:
      /\b(?:forecast\w*|projected|projections?|will\s(?:we\s|i\s|it\s)?(?:spend|cost|be|end\sup)|going\sto\s(?:spend|cost)|on\strack|end\sof\s(?:the\s)?month|month[\s-]?end|eom|run[\s-]?rate|expected\s(?:spend|cost)|expect\sto\s(?:spend|pay))\b/g,
  },
  {
    intent: 'savings',
    pattern:
      /\b(?:sav(?:e|es|ed|ing|ings)|cheaper|spot(?:\s(?:vms?|instances?|capacity))?|preemptible|cut\s(?:costs?|spend(?:ing)?)|reduce|optimi[sz]\w*|waste[ds]?|wasting)\b/g,
  },
  {
    intent: 'alerts',
    pattern:
      /\b(?:(?:open|active|current|new)\s)?(?:alerts?|findings?|issues?|warnings?|problems?|flagged|audit)\b/g,
  },
  {
    intent: 'idle',
    pattern:
      /\b(?:idle|unused|no\straffic|zero\s(?:predictions|traffic|requests)|not\s(?:being\s)?used|doing\snothing|under-?used|underutili[sz]ed)\b/g,
  },
  {
    intent: 'running',
    pattern: /\b(?:running|active|live|in\sflight|in\sprogress|deployed|up\sright\snow|right\snow)\b/g,
  },
  {
    intent: 'compare',
    pattern:
      /\b(?:compare[ds]?|comparison|vs|versus|week\sover\sweek|wow|month\sover\smonth|mom|changes?|changed|jump(?:ed|s)?|spike[ds]?|increase[ds]?|decrease[ds]?|went\s(?:up|down)|go\s(?:up|down)|gr[eo]w(?:th)?|drop(?:ped|s)?|differen(?:ce|t)|why)\b/g,
  },
  {
    intent: 'top',
    pattern:
      /\b(?:top|biggest|largest|highest|most\sexpensive|costliest|priciest|cost\sdrivers|drivers|main\scosts?|costs?\sthe\smost|spen(?:d|ds|t)\sthe\smost|heaviest)\b/g,
  },
  {
    intent: 'spend',
    pattern:
      /\$|\b(?:spend\w*|spent|costs?|costing|bill(?:s|ed|ing)?|charges?|charged|money|usd|dollars?|how\smuch|burn(?:ed|ing|t)?|paid|pay(?:ing)?|expenses?|price[ds]?|invoice)\b/g,
  },
];

// Typos are corrected onto vocabulary and onto longer filler words ("whcih" → "which").
const CORRECTION_TARGETS: ReadonlySet<string> = new Set([
  ...KNOWN_WORDS,
  ...[...FILLER_WORDS].filter((w) => w.length >= 4),
]);

const HELP_RE =
  /^(?:help|\?|examples?|commands?|usage|what can (?:you|i) (?:do|ask)|how (?:do i|to) use(?: this| you| it)?|what do you do|hi|hello|hey)$/;

export function parseQuestion(raw: string, ctx: ParseContext): ParseResult {
  const text = normalizeQuestion(raw);
  const result: ParseDraft = {
    intent: null,
    period: null,
    periodWords: null,
    groupBy: [],
    filters: {},
    topN: null,
    comparison: null,
    comparisonExplicit: false,
    subject: null,
    unrecognized: [],
    problems: [],
    corrections: [],
  };
  if (text === '' || HELP_RE.test(text)) return toQuestion(raw, { ...result, intent: 'help' }, ctx.today);

  let rest = ` ${text} `;
  /**
   * Runs `pattern` over what is left and hands each match to `use`; the match is blanked out (consumed) unless
   * `use` returns false (the words did not mean what the pattern hoped, e.g. "each team").
   */
  const take = (pattern: RegExp, use: (m: RegExpExecArray) => unknown) => {
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
      if (use(m) !== false) {
        rest = `${rest.slice(0, m.index)}${' '.repeat(m[0].length)}${rest.slice(m.index + m[0].length)}`;
      }
      if (m[0].length === 0) re.lastIndex += 1;
    }
  };
  const found = new Set<Intent>();
  const filters: AskFilters = {};
  const groupBy: Dimension[] = [];
  const addGroup = (d: Dimension) => {
    if (!groupBy.includes(d)) groupBy.push(d);
  };
  const setLabel = (key: string, value: string) => {
    filters.labels = { ...filters.labels, [key]: value };
  };
  const labelKeys = new Set(ctx.labelKeys);
  const dims = dimensionWords(ctx.labelKeys);
  const dimAlt = dims
    .map((d) => d.pattern)
    .sort((a, b) => b.length - a.length)
    .join('|');
  const dimensionOf = (word: string): Dimension | null => {
    const labelMatch = /^label[:\s]([a-z][a-z0-9_-]*)$/.exec(word);
    if (labelMatch) return `label:${labelMatch[1]}`;
    return dims.find((d) => new RegExp(`^(?:${d.pattern})$`).test(word))?.dimension ?? null;
  };

  // 1. Explicit key:value / key=value filters (label values are case-folded like the billing export's).
  take(/(?<=\s)([a-z][a-z0-9_-]{0,62})\s?[:=]\s?([a-z0-9][a-z0-9_./-]*)(?=\s)/g, (m) => {
    const key = m[1] ?? '';
    const value = m[2] ?? '';
    if (key === 'label' || key === 'by') {
      if (LABEL_KEY_RE.test(value)) addGroup(`label:${value}`);
      else result.problems.push(`"${value}" is not a label key (lowercase letters, digits, _ and -)`);
      return;
    }
    if (key === 'project') {
      if (PROJECT_ID_RE.test(value)) filters.project = value;
      else
        result.problems.push(
          `"${value}" is not a Google Cloud project id (6–30 lowercase letters, digits and -)`,
        );
    } else if (key === 'region' || key === 'location') {
      filters.region = value;
    } else if (key === 'kind') {
      if ((KINDS as readonly string[]).includes(value)) filters.kind = value as Kind;
      else result.problems.push(`kind "${value}" is not one of ${KINDS.join(', ')}`);
    } else if (labelKeys.has(key) || (key === 'environment' && labelKeys.has('env'))) {
      if (LABEL_VALUE_RE.test(value)) setLabel(key === 'environment' ? 'env' : key, value);
      else result.problems.push(`"${value}" is not a label value (lowercase letters, digits, _ and -)`);
    } else {
      result.problems.push(
        `"${key}" is not a label burnrate collects (collected: ${[...labelKeys].join(', ') || 'none'}); filters are project:, region:, kind: or a label`,
      );
    }
  });

  // 2. Typos: each unknown word close to exactly one known word is read as that word. Names next to "project",
  // "team", … are left alone: they are values, not vocabulary.
  const protectedAfter = new Set(['project', 'endpoint', 'model', 'label', 'team', 'env', ...labelKeys]);
  const protectedBefore = new Set([
    'team',
    'env',
    'environment',
    'project',
    'endpoint',
    'model',
    ...labelKeys,
  ]);
  const projects = new Set(ctx.projects);
  const words = rest.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (
      !word ||
      projects.has(word) ||
      protectedAfter.has(words[i - 1] ?? '') ||
      protectedBefore.has(words[i + 1] ?? '')
    ) {
      continue;
    }
    if (FILLER_WORDS.has(word)) continue;
    const fixed = correctWord(word, CORRECTION_TARGETS);
    if (fixed) {
      words[i] = fixed;
      result.corrections.push(`${word} → ${fixed}`);
    }
  }
  rest = words.join(' ');

  // 3. Unit cost: "cost per 1k predictions".
  let unitCost = false;
  take(
    /\b(?:(?:costs?|spend|price)\s)?per\s(?:1\s?k|1\s?000|1000|k|thousand|a\sthousand|one\sthousand|1)?\s?(?:predictions?|requests?|inferences?|calls?|queries)\b|\bunit\scosts?\b|\bcost\sper\sprediction\b/g,
    () => {
      unitCost = true;
    },
  );

  // 4. Periods (and "the week before" style comparisons).
  const scan = scanPeriods(rest, ctx.today);
  rest = scan.rest;
  result.problems.push(...scan.problems);
  const [first, second] = scan.periods;
  if (first) {
    result.period = first.period;
    result.periodWords = first.words;
  }
  if (second) {
    result.comparison = second.period;
    result.comparisonExplicit = true;
  } else if (scan.relative) {
    result.comparisonExplicit = true;
  }

  // 5. How many rows and of what: "top 5 endpoints", "3 biggest projects", "which teams".
  take(
    new RegExp(
      `\\b(?:(${NUMBER_ALT})\\s+)?(top|biggest|largest|most\\sexpensive|costliest|priciest|which)\\s+(?:(${NUMBER_ALT})\\s+)?(${dimAlt})\\b(?!\\s+(?:are|is)\\s+(?:idle|running|unused|deployed|active)\\b)`,
      'g',
    ),
    (m) => {
      const d = dimensionOf(m[4] ?? '');
      if (d) addGroup(d);
      const count = m[1] ?? m[3];
      if (count) result.topN = parseCount(count) ?? DEFAULT_TOP_N;
      if (m[2] !== 'which') found.add('top');
    },
  );
  take(new RegExp(`\\btop\\s(${NUMBER_ALT})\\b`, 'g'), (m) => {
    result.topN = parseCount(m[1] ?? '') ?? DEFAULT_TOP_N;
    found.add('top');
  });
  take(
    new RegExp(`\\b(${NUMBER_ALT})\\s+(?:biggest|largest|most\\sexpensive|costliest|priciest)\\b`, 'g'),
    (m) => {
      result.topN = parseCount(m[1] ?? '') ?? DEFAULT_TOP_N;
      found.add('top');
    },
  );

  // 6. Grouping: "by team", "per project and region", "top endpoints", "endpoint breakdown".
  const groupRe = new RegExp(
    `\\b(?:by|per|for\\seach|each|every|across|split\\sby|broken\\sdown\\sby|breakdown\\sby|grouped\\sby|group\\sby)\\s(?:the\\s)?(label\\s[a-z][a-z0-9_-]*|${dimAlt})(?:\\s?(?:and|&|,)\\s(?:by\\s)?(label\\s[a-z][a-z0-9_-]*|${dimAlt}))?\\b`,
    'g',
  );
  take(groupRe, (m) => {
    for (const w of [m[1], m[2]]) {
      const d = w ? dimensionOf(w) : null;
      if (d) addGroup(d);
    }
  });
  take(new RegExp(`\\b(${dimAlt})\\s(?:breakdown|split)\\b`, 'g'), (m) => {
    const d = dimensionOf(m[1] ?? '');
    if (d) addGroup(d);
  });
  if (/\b(?:gpus?|tpus?)\b/.test(rest)) {
    take(/\b(?:gpus?|tpus?)\b/g, () => addGroup('accelerator'));
  }

  // 7. Filters in words: "for the search team", "env prod", "project ml-prod", "in us-central1", "on training".
  for (const key of labelKeys) {
    if (dims.some((d) => d.dimension !== `label:${key}` && new RegExp(`^(?:${d.pattern})$`).test(key)))
      continue;
    const keyWords = key === 'env' ? 'env|environment' : escapeRe(key);
    take(
      new RegExp(
        `\\b(?:(?:for|of|on|from|in)\\s)?(?:the\\s|our\\s)?([a-z0-9][a-z0-9_.-]*)\\s(?:${keyWords})s?\\b`,
        'g',
      ),
      (m) => {
        const value = m[1] ?? '';
        if (!isValueWord(value)) return false;
        setLabel(key, value);
      },
    );
    take(new RegExp(`\\b(?:${keyWords})\\s(?:named\\s|called\\s)?([a-z0-9][a-z0-9_.-]*)\\b`, 'g'), (m) => {
      const value = m[1] ?? '';
      if (!isValueWord(value)) return false;
      setLabel(key, value);
    });
  }
  take(/\bprojects?\s([a-z0-9][a-z0-9_-]*)\b/g, (m) => {
    const value = m[1] ?? '';
    if (PROJECT_ID_RE.test(value)) filters.project = value;
    else if (!isValueWord(value)) return false;
    else
      result.problems.push(
        `"${value}" is not a Google Cloud project id (6–30 lowercase letters, digits and -)`,
      );
  });
  for (const project of ctx.projects) {
    take(new RegExp(`\\b(?:(?:in|for|on|from)\\s)?${escapeRe(project)}\\b`, 'g'), () => {
      filters.project = project;
    });
  }
  take(REGION_RE, (m) => {
    filters.region = m[1] ?? '';
  });
  const kindWords: Array<[Kind, RegExp]> = [
    ['training', /\b(?:training|train|trained|trainings|fine[\s-]?tun\w*|custom\sjobs?)\b/g],
    ['prediction', /\b(?:online\s|batch\s)?(?:predictions?|inference|serving)\b/g],
    ['pipelines', /\bpipelines?\b/g],
  ];

  // 8. Intent words (before kind words, so "zero predictions" reads as idle, not as a filter).
  if (unitCost) found.add('unit_cost');
  for (const rule of INTENT_RULES) {
    take(rule.pattern, () => {
      found.add(rule.intent);
    });
  }
  for (const [kind, pattern] of kindWords) {
    take(pattern, () => {
      filters.kind ??= kind;
    });
  }

  // 9. Unit cost subject: "for fraud-model", "of the fraud-model endpoint".
  if (unitCost) {
    take(
      /\b(?:for|of|on)\s(?:the\s)?(?:endpoint\s|model\s)?([a-z0-9][a-z0-9_.-]*)(?:\s(?:endpoint|model))?\b/g,
      (m) => {
        const value = m[1] ?? '';
        if (result.subject || !isValueWord(value)) return false;
        result.subject = value;
      },
    );
    take(/\b([a-z0-9][a-z0-9_.-]*)\s(?:endpoint|model)\b/g, (m) => {
      const value = m[1] ?? '';
      if (result.subject || !isValueWord(value)) return false;
      result.subject = value;
    });
  }

  // 10. Pick the intent.
  const order: Intent[] = ['unit_cost', ...INTENT_RULES.map((r) => r.intent)];
  let intent = order.find((i) => found.has(i)) ?? null;
  if ((intent === 'spend' || intent === 'top' || intent === null) && result.comparisonExplicit)
    intent = 'compare';
  if (intent === null && (groupBy.length > 0 || result.period || hasFilters(filters))) intent = 'spend';
  if (intent === 'spend' && result.topN !== null) intent = 'top';

  // 11. Whatever is left and means something was not understood.
  const leftovers = rest
    .split(/\s+/)
    .filter((w) => w !== '' && !FILLER_WORDS.has(w) && !/^[-/.:=_]+$/.test(w) && dimensionOf(w) === null);
  result.unrecognized = [...new Set(leftovers)];
  if (/^\s*$/.test(text.replace(/\b(?:help|examples?)\b/g, ''))) intent = 'help';

  result.intent = intent;
  result.groupBy = groupBy;
  result.filters = filters;
  return toQuestion(raw, result, ctx.today);
}

/**
 * The draft as the variant of its intent (help when none was found), each with its defaults: the month to date
 * for spend-like intents, the previous period for comparisons, the top 5 by SKU.
 */
function toQuestion(raw: string, draft: ParseDraft, today: Day): ParseResult {
  const base = {
    text: raw,
    understood: draft.intent !== null && draft.unrecognized.length === 0 && draft.problems.length === 0,
    periodWords: draft.periodWords,
    groupBy: draft.groupBy,
    filters: draft.filters,
    unrecognized: draft.unrecognized,
    problems: draft.problems,
    corrections: draft.corrections,
  };
  const intent = draft.intent ?? 'help';
  switch (intent) {
    case 'top':
      return {
        ...base,
        intent,
        period: draft.period ?? monthToDate(today),
        topN: Math.min(draft.topN ?? DEFAULT_TOP_N, MAX_TOP_N),
        groupBy: draft.groupBy.length === 0 ? ['sku'] : draft.groupBy,
      };
    case 'compare': {
      const period = draft.period ?? monthToDate(today);
      return { ...base, intent, period, comparison: draft.comparison ?? previousPeriod(period) };
    }
    case 'unit_cost':
      return { ...base, intent, period: draft.period ?? monthToDate(today), subject: draft.subject };
    case 'spend':
    case 'forecast':
    case 'budget':
      return { ...base, intent, period: draft.period ?? monthToDate(today) };
    case 'idle':
    case 'savings':
      // As of now unless the question named a period.
      return { ...base, intent, period: draft.period };
    case 'running':
    case 'alerts':
    case 'help':
      return { ...base, intent, period: null };
  }
}

function hasFilters(filters: AskFilters): boolean {
  return Boolean(
    filters.project ||
      filters.region ||
      filters.kind ||
      (filters.labels && Object.keys(filters.labels).length),
  );
}

/** A word that can be a name (label value, endpoint): not a filler, not vocabulary, not a number word. */
function isValueWord(word: string): boolean {
  return (
    word.length > 0 &&
    !FILLER_WORDS.has(word) &&
    !KNOWN_WORDS.has(word) &&
    !(word in NUMBER_WORDS) &&
    /^[a-z0-9]/.test(word)
  );
}
