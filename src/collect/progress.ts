import type { SyncProgress } from './syncPass.js';

// Quick passes finish before anyone wonders; progress lines start once a pass has run this long.
const QUIET_PERIOD_MS = 2000;

/**
 * A progress reporter for long passes: silent for the first seconds, then one line per finished scope
 * ("sync: 7/12 scopes done (vertex ml-prod/europe-west4 ok)") on `write` (stderr in the CLI).
 */
export function progressReporter(
  write: (line: string) => void,
  now: () => number = () => performance.now(),
): (progress: SyncProgress) => void {
  const start = now();
  return ({ done, total, scope }) => {
    if (now() - start < QUIET_PERIOD_MS) return;
    write(`sync: ${done}/${total} scopes done (${scope.scope} ${scope.ok ? 'ok' : 'failed'})\n`);
  };
}
