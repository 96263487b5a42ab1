import type { SyncPassResult } from './syncPass.js';

/** Human summary of a pass: one line per scope, failures with their error, then the totals. */
export function formatSyncSummary(result: SyncPassResult): string {
  const lines: string[] = [];
  const failed = result.scopes.filter((s) => !s.ok);
  const width = Math.max(...result.scopes.map((s) => s.scope.length), 5);
  for (const scope of result.scopes) {
    const status = scope.ok ? 'ok    ' : 'FAILED';
    const detail = scope.ok
      ? [
          `${scope.resourcesSeen} seen`,
          `${scope.rowsWritten} written`,
          scope.bytesScanned > 0 ? `${formatBytes(scope.bytesScanned)} scanned` : null,
          scope.note,
          formatDuration(scope.durationMs),
        ]
          .filter(Boolean)
          .join(', ')
      : scope.error;
    lines.push(`${status} ${scope.scope.padEnd(width)}  ${detail}`);
  }
  const t = result.totals;
  lines.push(
    `sync ${failed.length === 0 ? 'ok' : 'finished with failures'}: ${result.scopes.length - failed.length}/${result.scopes.length} scopes ok, ` +
      `${t.resourcesSeen} resources seen, ${t.rowsWritten} rows written, ${formatBytes(t.bytesScanned)} scanned, ` +
      `${formatDuration(result.durationMs)}`,
  );
  if (failed.length > 0) lines.push(`failed scopes: ${failed.map((s) => s.scope).join(', ')}`);
  return lines.join('\n');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
