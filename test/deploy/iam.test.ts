// docs/iam.md grants exactly what src/gcp calls: every Google call the adapters make has its permission in the
// right role (src/gcp/permissions.ts), every call that changes a cloud belongs to a remediation action, and the
// roles hold nothing more.

import { describe, expect, it } from 'vitest';
import { GOOGLE_CALLS, permissionsFor } from '../../src/gcp/permissions.js';
import { REMEDIATION_ACTIONS } from '../../src/remediate/actions/index.js';
import { collect, repoFile, sourceFiles } from './support/sources.js';

const doc = repoFile('docs/iam.md');

function rolePermissions(role: string): string[] {
  const match = new RegExp(
    `gcloud iam roles create ${role} [^\\n]*(?:\\\\\\n[^\\n]*)*?--permissions=([a-zA-Z.,]+)`,
  ).exec(doc);
  expect(match, `docs/iam.md has no \`gcloud iam roles create ${role} … --permissions=…\``).not.toBeNull();
  return (match?.[1] ?? '').split(',').sort();
}

describe('docs/iam.md', () => {
  // The calls the adapters make; the permission table itself names them all, so it is not read here.
  const calls = collect(
    sourceFiles('src/gcp').filter((f) => f.path !== 'src/gcp/permissions.ts'),
    /['`]((?:[A-Z][A-Za-z]+Service|CloudCatalog)\.[A-Z][A-Za-z]+|bigquery\.jobs\.query)\b/g,
  );

  it('knows every Google call the adapters make', () => {
    expect(calls.size).toBeGreaterThan(10);
    const unknown = [...calls.keys()].filter((c) => !(c in GOOGLE_CALLS));
    expect(unknown, 'calls in src/gcp without a permission decision in src/gcp/permissions.ts').toEqual([]);
  });

  it('makes every changing call from a remediation action, and every action call exists', () => {
    const actionCalls = new Set(Object.values(REMEDIATION_ACTIONS).flatMap((a) => a.googleCalls));
    const changing = [...calls.keys()].filter((c) => GOOGLE_CALLS[c]?.mutates);
    expect(changing.filter((c) => !actionCalls.has(c))).toEqual([]);
    expect([...actionCalls].filter((c) => !calls.has(c))).toEqual([]);
  });

  it('gives the remediator role exactly the permissions of the read calls and the actions', () => {
    const actionCalls = Object.values(REMEDIATION_ACTIONS).flatMap((a) => a.googleCalls);
    const readOnly = [...calls.keys()].filter((c) => GOOGLE_CALLS[c]?.mutates === false);
    expect(rolePermissions('burnrateRemediator')).toEqual(permissionsFor([...readOnly, ...actionCalls]));
  });

  it('gives the reader role exactly the permissions of the read-only calls', () => {
    const readOnly = [...calls.keys()].filter((c) => GOOGLE_CALLS[c]?.mutates === false);
    expect(rolePermissions('burnrateReader')).toEqual(permissionsFor(readOnly));
  });

  it('lists every call and permission in its table', () => {
    for (const call of calls.keys()) expect(doc).toContain(call);
    for (const permission of rolePermissions('burnrateRemediator'))
      expect(doc).toContain(`| \`${permission}\``);
  });

  it('the copy-paste setup grants the reader; the remediator is a separate, opt-in step', () => {
    // remediation.mode defaults to notify-only: a grant of cancel/undeploy/update must be asked for.
    const grants = [...doc.matchAll(/--role=projects\/\$PROJECT\/roles\/(burnrate\w+)/g)];
    const reader = grants.find((g) => g[1] === 'burnrateReader');
    const remediator = grants.find((g) => g[1] === 'burnrateRemediator');
    expect(reader, 'a grant of burnrateReader').toBeDefined();
    expect(remediator, 'a grant of burnrateRemediator').toBeDefined();
    // The Markdown heading a position falls under (lines starting with # inside code blocks are comments).
    const headingBefore = (index: number) => {
      let heading = '';
      let inCode = false;
      for (const line of doc.slice(0, index).split('\n')) {
        if (line.startsWith('```')) inCode = !inCode;
        else if (!inCode && /^#+ /.test(line)) heading = line;
      }
      return heading;
    };
    expect(headingBefore(reader!.index)).not.toMatch(/optional|opt-in/i);
    expect(headingBefore(remediator!.index)).toMatch(/optional|opt-in/i);
    expect(headingBefore(remediator!.index)).toContain('remediation.mode: remediate');
    // The remediator role is created in that step too, not in the setup everyone runs.
    const created = doc.indexOf('gcloud iam roles create burnrateRemediator');
    expect(headingBefore(created)).toBe(headingBefore(remediator!.index));
  });

  it('grants BigQuery on the billing project and the export dataset only', () => {
    expect(doc).toContain('--role=roles/bigquery.jobUser');
    expect(doc).toMatch(/GRANT `roles\/bigquery\.dataViewer`\s+ON SCHEMA/);
  });
});
