// A finding's identity outside the database: buttons posted to Slack outlive the database they came from (a
// restore, a new volume), and finding numbers start again at 1. A short hash of the rule and resource a finding is
// about, carried by each button, tells on click whether the number still names the same thing.

import { createHash } from 'node:crypto';

// 12 hex digits (48 bits): far beyond what chance could match between two resources under one finding number,
// and short enough for a button value (Slack allows 2000 characters).
const TARGET_HASH_HEX_DIGITS = 12;

/** The hash of what a finding is about (its rule and resource), as buttons carry it. */
export function targetHash(finding: { rule: string; resource: string }): string {
  return createHash('sha256')
    .update(`${finding.rule}\u0000${finding.resource}`)
    .digest('hex')
    .slice(0, TARGET_HASH_HEX_DIGITS);
}
