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
  if (parentType === 'image' && field === 'title') return 2000;
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
    if (block.type === 'image') problems.push(...imageProblems(block, i));
  });
  return problems;
}

/**
 * An image block as Slack's reference describes it: a plain-text alt_text of at most 2000 characters, and its
 * picture from either image_url or slack_file, never both; a slack_file names its file by id or by url, not both.
 */
function imageProblems(block: Json, i: number): string[] {
  const problems: string[] = [];
  const alt = block.alt_text;
  if (typeof alt !== 'string' || alt === '') problems.push(`block ${i}: an image needs alt_text`);
  else {
    if (alt.length > 2000)
      problems.push(`block ${i}: alt_text of ${alt.length} characters, Slack allows 2000`);
    if (hasLoneSurrogate(alt)) problems.push(`block ${i}: alt_text has a lone surrogate (invalid UTF-16)`);
    if (/[<>]/.test(alt) || /&(?!amp;|lt;|gt;)/.test(alt)) problems.push(`block ${i}: alt_text not escaped`);
  }
  const file = block.slack_file;
  if ((block.image_url === undefined) === (file === undefined))
    problems.push(`block ${i}: an image needs exactly one of image_url and slack_file`);
  if (file !== undefined) {
    const named = isObject(file) ? ['id', 'url'].filter((k) => typeof file[k] === 'string') : [];
    if (named.length !== 1) problems.push(`block ${i}: slack_file needs exactly one of id and url`);
    if (isObject(file) && typeof file.id === 'string' && !/^F[A-Z0-9]{8,}$/.test(file.id))
      problems.push(`block ${i}: slack_file.id is not a file id`);
  }
  return problems;
}
