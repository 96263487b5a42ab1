// Whether an uploaded file shows in its channel, or (kept private) is ready to be shown by a block.
// files.completeUploadExternal answers ok before Slack has shared or processed the file (that waits for Slack's
// scans) and occasionally never shares it, so "ok" is not "posted": the share, or the file type Slack fills in once
// processed, is read from the completion's file objects, then from files.info, a few times, before giving up.
import type { webApi } from '@slack/bolt';

// Waits between files.info reads: Slack usually shares within a second or two.
const SHARE_CHECK_WAITS_MS = [500, 1_000, 2_000, 4_000];

type Shares = { public?: Record<string, unknown>; private?: Record<string, unknown> };
export type SharedFile = { id?: string; shares?: Shares; mimetype?: string };

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

/** True once Slack has processed the file: its mimetype, empty until then, is filled in. */
export function processed(file: SharedFile | undefined): boolean {
  return typeof file?.mimetype === 'string' && file.mimetype !== '';
}

/**
 * Resolves once Slack has processed a file (files.info names its type). Slack documents no "ready" flag; a block
 * naming a file before this is refused ("invalid slack file"), and the file type appearing is the sign its SDK
 * maintainers point to. Rejects with what was seen when it does not come within the waits.
 */
export async function confirmProcessed(
  client: Pick<webApi.WebClient, 'files'>,
  fileId: string,
  completed: readonly SharedFile[] | undefined,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  if (processed(completed?.find((f) => f.id === fileId))) return;
  for (const wait of SHARE_CHECK_WAITS_MS) {
    await sleep(wait);
    const info = await client.files.info({ file: fileId });
    if (processed(info.file as SharedFile | undefined)) return;
  }
  const waited = SHARE_CHECK_WAITS_MS.reduce((a, b) => a + b, 0) / 1000;
  throw new Error(
    `file ${fileId} was uploaded but Slack had not processed it ${waited} s after files.completeUploadExternal answered ok`,
  );
}
