// Whether an uploaded file shows in its channel. files.completeUploadExternal answers ok before Slack has
// shared the file (sharing waits for Slack's scans) and occasionally never shares it, so "ok" is not "posted":
// the share is read from the completion's file objects, then from files.info, a few times, before giving up.
import type { webApi } from '@slack/bolt';

// Waits between files.info reads: Slack usually shares within a second or two.
const SHARE_CHECK_WAITS_MS = [500, 1_000, 2_000, 4_000];

type Shares = { public?: Record<string, unknown>; private?: Record<string, unknown> };
export type SharedFile = { id?: string; shares?: Shares };

/** True when `file` lists a share in `channel`. */
export function sharedIn(file: SharedFile | undefined, channel: string): boolean {
  const shares = file?.shares;
  return Boolean(shares?.public?.[channel] ?? shares?.private?.[channel]);
}

/**
 * Resolves once Slack lists the file as shared in `channel`; rejects with what was seen when it does not within
 * the waits (or files.info fails, e.g. without the files:read scope).
 */
export async function confirmShared(
  client: Pick<webApi.WebClient, 'files'>,
  fileId: string,
  channel: string,
  completed: readonly SharedFile[] | undefined,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  if (
    sharedIn(
      completed?.find((f) => f.id === fileId),
      channel,
    )
  )
    return;
  for (const wait of SHARE_CHECK_WAITS_MS) {
    await sleep(wait);
    const info = await client.files.info({ file: fileId });
    if (sharedIn(info.file as SharedFile | undefined, channel)) return;
  }
  const waited = SHARE_CHECK_WAITS_MS.reduce((a, b) => a + b, 0) / 1000;
  throw new Error(
    `file ${fileId} was uploaded but is not shared in ${channel} ${waited} s after files.completeUploadExternal answered ok`,
  );
}
