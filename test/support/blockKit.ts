// Checks on Block Kit payloads shared by the Slack tests: text Slack would refuse, or show other than meant.
// Limits from Slack's Block Kit reference (blocks, block elements, composition objects, views).

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` is not valid UTF-16 (JSON.stringify would emit \udXXX, Slack shows garbage). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** A piece of text found in a payload: where it is, whether Slack parses it as mrkdwn, and its limit. */
export interface FoundText {
  path: string;
  text: string;
  mrkdwn: boolean;
  max: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | null => (isObject(v) && typeof v.text === 'string' ? v.text : null);

/** Slack's limit for a text object, by where it sits (parent block or element type, and the field name). */
function limitFor(parentType: string, field: string): number {
  if (parentType === 'header') return 150;
  if (parentType === 'section' && field === 'fields') return 2000;
  if (parentType === 'confirm') return field === 'text' ? 300 : field === 'title' ? 100 : 30;
  if (parentType === 'button') return 75;
  if (parentType === 'modal') return 24;
  if (parentType === 'plain_text_input') return 150;
  return 3000;
}

/** Every text object in blocks (and a view's title, buttons and inputs), with its limit. */
export function textsIn(node: unknown, path = '', parentType = '', field = ''): FoundText[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => textsIn(n, `${path}[${i}]`, parentType, field));
  if (!isObject(node)) return [];
  const type = typeof node.type === 'string' ? node.type : '';
  if ((type === 'mrkdwn' || type === 'plain_text') && typeof node.text === 'string') {
    return [{ path, text: node.text, mrkdwn: type === 'mrkdwn', max: limitFor(parentType, field) }];
  }
  const kind = type || (field === 'confirm' ? 'confirm' : parentType);
  return Object.entries(node).flatMap(([key, value]) => textsIn(value, `${path}.${key}`, kind, key));
}

/** Problems with a payload's structure against Slack's limits (counts, ids, values). */
export function structureProblems(blocks: readonly unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`${blocks.length} blocks, Slack allows ${maxBlocks}`);
  blocks.forEach((block, i) => {
    if (!isObject(block)) return;
    if (Array.isArray(block.fields) && block.fields.length > 10) problems.push(`block ${i}: over 10 fields`);
    if (Array.isArray(block.elements)) {
      if (block.type === 'actions' && block.elements.length > 25)
        problems.push(`block ${i}: over 25 elements`);
      const ids = block.elements
        .filter(isObject)
        .map((e) => e.action_id)
        .filter((id) => id !== undefined);
      if (new Set(ids).size !== ids.length) problems.push(`block ${i}: an action_id used twice`);
      for (const e of block.elements) {
        if (!isObject(e)) continue;
        if (typeof e.value === 'string' && e.value.length > 2000)
          problems.push(`block ${i}: value over 2000`);
        if (typeof e.action_id === 'string' && e.action_id.length > 255) problems.push(`block ${i}: long id`);
      }
    }
    if (block.type === 'section' && textOf(block.text) === null && !Array.isArray(block.fields))
      problems.push(`block ${i}: a section needs text or fields`);
  });
  return problems;
}
