// Compares two JSON answers to the same request field by field: every field the recording has must be in the
// simulated answer (unless listed as not modelled), with the same JSON type and the same encoding — int64 as
// strings of digits, int32 and doubles as numbers, enums as NAMES, timestamps as RFC 3339. Values may differ.

export interface ShapeOptions {
  /** Field paths (dots, `[]` for array items) the simulator does not model. */
  notModelled?: readonly string[];
  /** Paths of map fields (labels, trafficSplit): keys are data, only the value types are compared. */
  maps?: readonly string[];
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const INT64_TEXT = /^-?\d+$/;
const ENUM_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

/** One line per difference; empty when the simulated answer has the recording's shape. */
export function shapeDifferences(
  recorded: unknown,
  simulated: unknown,
  options: ShapeOptions = {},
): string[] {
  const problems: string[] = [];
  compare(recorded, simulated, '', options, problems);
  return problems;
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** What a string's text says about its encoding: the thing a client library decodes differently. */
function encodingOf(key: string, value: string): string {
  if (/Time$/.test(key) || RFC3339.test(value)) return RFC3339.test(value) ? 'timestamp' : 'text';
  if (ENUM_NAME.test(value)) return 'enum name';
  if (INT64_TEXT.test(value) && /Count$|Gb$|Bytes$/.test(key)) return 'int64 text';
  return 'text';
}

function compare(
  recorded: unknown,
  simulated: unknown,
  path: string,
  options: ShapeOptions,
  out: string[],
): void {
  const where = path || '(root)';
  if (kindOf(recorded) !== kindOf(simulated)) {
    out.push(
      `${where}: recorded ${kindOf(recorded)} ${JSON.stringify(recorded)}, simulated ${kindOf(simulated)} ${JSON.stringify(simulated)}`,
    );
    return;
  }
  if (typeof recorded === 'string') {
    const key = path.split('.').pop() ?? '';
    const want = encodingOf(key, recorded);
    const got = encodingOf(key, simulated as string);
    if (want !== got)
      out.push(
        `${where}: recorded ${want} ${JSON.stringify(recorded)}, simulated ${got} ${JSON.stringify(simulated)}`,
      );
    return;
  }
  if (Array.isArray(recorded)) {
    const items = simulated as unknown[];
    if (recorded.length > 0 && items.length === 0) out.push(`${where}: recorded has items, simulated none`);
    const [first] = recorded;
    for (const item of items.slice(0, 1)) compare(first, item, `${path}[]`, options, out);
    return;
  }
  if (recorded && typeof recorded === 'object') {
    const sim = simulated as Record<string, unknown>;
    const isMap = options.maps?.includes(path) ?? false;
    for (const [key, value] of Object.entries(recorded as Record<string, unknown>)) {
      if (isMap) {
        const anySimulated = Object.values(sim)[0];
        if (anySimulated !== undefined && kindOf(anySimulated) !== kindOf(value))
          out.push(`${where}: map values recorded ${kindOf(value)}, simulated ${kindOf(anySimulated)}`);
        continue;
      }
      const child = path ? `${path}.${key}` : key;
      if (options.notModelled?.includes(child)) continue;
      if (!(key in sim)) {
        out.push(`${child}: recorded, not in the simulated answer`);
        continue;
      }
      compare(value, sim[key], child, options, out);
    }
  }
}
