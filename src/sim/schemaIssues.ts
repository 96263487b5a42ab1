// Schema problems in a scenario or faults file, one line each: where, what was found, what was expected.

import type { z } from 'zod';

/** One line per problem: where it is, what was found, what was expected. */
export function describeIssues(source: string, issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.map((issue) => {
    const keyPath = issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    const found = 'input' in issue ? describeValue(issue.input) : 'nothing';
    return `${source}: ${keyPath}: expected ${expectationOf(issue)}, found ${found}`;
  });
  return lines.join('\n');
}

function expectationOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return issue.expected;
  if (issue.code === 'invalid_value')
    return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  if (issue.code === 'unrecognized_keys') return `no key ${issue.keys.join(', ')} (unknown)`;
  return issue.message;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
