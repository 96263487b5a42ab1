// Posting helpers: a retry that honours Retry-After, posting to several channels, and file upload through
// Slack's external flow (get URL → POST bytes → complete).
import { type types, webApi } from '@slack/bolt';
import type { Logger } from '../app/logger.js';
import { confirmProcessed, confirmShared, type SharedFile } from './fileShares.js';
import { fetchWithin, type SlackClient, SlackPostError } from './slackClient.js';

// Attempts per call when Slack keeps answering 429: enough to ride out a burst, bounded so a job ends.
const RATE_LIMIT_ATTEMPTS = 5;
// A Retry-After longer than this means Slack wants us gone for a while; give up rather than hang a job.
const MAX_RETRY_AFTER_SECONDS = 120;
// Slack refuses a longer screen-reader description (alt_txt_too_large).
const ALT_TEXT_MAX = 1000;

export interface RetryOptions {
  log?: Logger;
  /** For tests that count waits; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterSeconds(err: unknown): number | null {
  const e = err as { code?: string; retryAfter?: number };
  return e?.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === 'number'
    ? e.retryAfter
    : null;
}

/** Runs a Web API call; on a 429 waits the Retry-After Slack sent and tries again (bounded). */
export async function withRateLimitRetry<T>(
  what: string,
  call: () => Promise<T>,
  opts: RetryOptions = {},
): Promise<T> {
  const sleep = opts.sleep ?? realSleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      const wait = retryAfterSeconds(err);
      if (wait === null) throw err;
      if (attempt >= RATE_LIMIT_ATTEMPTS || wait > MAX_RETRY_AFTER_SECONDS) {
        throw new SlackPostError(
          `${what}: Slack is rate limiting (asked to wait ${wait} s after ${attempt} attempts)`,
        );
      }
      opts.log?.warn(
        { what, retryAfterSeconds: wait, attempt },
        'Slack rate limited a call; waiting as asked',
      );
      await sleep(wait * 1000);
    }
  }
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

/** chat.postMessage with rate-limit handling; resolves with where the message landed. */
export async function postMessage(
  client: Pick<SlackClient, 'chat'>,
  channel: string,
  content: { text: string; blocks?: types.KnownBlock[]; threadTs?: string },
  opts: RetryOptions = {},
): Promise<PostedMessage> {
  const res = await withRateLimitRetry(
    'chat.postMessage',
    () =>
      client.chat.postMessage({
        channel,
        text: content.text,
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(content.threadTs ? { thread_ts: content.threadTs } : {}),
        unfurl_links: false,
      } as webApi.ChatPostMessageArguments),
    opts,
  );
  if (!res.ts) throw new SlackPostError(`chat.postMessage to ${channel} returned no message timestamp`);
  return { channel: res.channel ?? channel, ts: res.ts };
}

export interface ChannelDelivery {
  posted: PostedMessage[];
  failed: Array<{ channel: string; error: string }>;
}

/**
 * Posts one message to each channel in turn (rate limits waited out), calling `onPosted` for every message that
 * landed; a channel that fails is reported, never thrown, so the others still get theirs.
 */
export async function postToChannels(
  client: Pick<SlackClient, 'chat'>,
  channels: readonly string[],
  content: { text: string; blocks?: types.KnownBlock[] },
  opts: RetryOptions & { onPosted?: (message: PostedMessage) => void } = {},
): Promise<ChannelDelivery> {
  const result: ChannelDelivery = { posted: [], failed: [] };
  for (const channel of channels) {
    try {
      const posted = await postMessage(client, channel, content, opts);
      opts.onPosted?.(posted);
      result.posted.push(posted);
    } catch (err) {
      result.failed.push({ channel, error: (err as Error).message });
    }
  }
  return result;
}

export interface FileToUpload {
  channel: string;
  /** Shares the file as a reply in this thread. */
  threadTs?: string;
  filename: string;
  title: string;
  altText: string;
  data: Buffer;
  initialComment?: string;
  /** Deadline of the upload of the bytes to Slack's upload URL (slack.timeoutMs). */
  timeoutMs: number;
}

/** A file kept private to the app (shared in no channel), for Block Kit to show by its id. */
export type PrivateFileToUpload = Pick<FileToUpload, 'filename' | 'title' | 'altText' | 'data' | 'timeoutMs'>;

/**
 * Uploads a file the way files.uploadV2 does: files.getUploadURLExternal, a POST of the bytes to the returned
 * upload_url, then files.completeUploadExternal to share it in the channel (thread). Resolves with the file id
 * once Slack shows the file in the channel; rejects when it does not.
 */
export async function uploadFile(
  client: SlackClient,
  file: FileToUpload,
  opts: RetryOptions = {},
): Promise<string> {
  const fileId = await sendBytes(client, file, opts);
  const completed = await withRateLimitRetry(
    'files.completeUploadExternal',
    () =>
      client.files.completeUploadExternal({
        files: [{ id: fileId, title: file.title }],
        channel_id: file.channel,
        ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
        ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
      } as webApi.FilesCompleteUploadExternalArguments),
    opts,
  );
  try {
    await confirmShared(
      client,
      fileId,
      file.channel,
      completed.files as SharedFile[] | undefined,
      opts.sleep ?? realSleep,
    );
  } catch (err) {
    throw new SlackPostError((err as Error).message);
  }
  return fileId;
}

/**
 * Uploads a file without sharing it: files.completeUploadExternal without a channel keeps it private to the app
 * (Slack: "If not specified the file will be private"). Resolves with the file id once Slack has processed the
 * file (files.info gives its type), since a block naming a file still being processed is refused.
 */
export async function uploadPrivateFile(
  client: SlackClient,
  file: PrivateFileToUpload,
  opts: RetryOptions = {},
): Promise<string> {
  const fileId = await sendBytes(client, file, opts);
  const completed = await withRateLimitRetry(
    'files.completeUploadExternal',
    () =>
      client.files.completeUploadExternal({
        files: [{ id: fileId, title: file.title }],
      } as webApi.FilesCompleteUploadExternalArguments),
    opts,
  );
  try {
    await confirmProcessed(
      client,
      fileId,
      completed.files as SharedFile[] | undefined,
      opts.sleep ?? realSleep,
    );
  } catch (err) {
    throw new SlackPostError((err as Error).message);
  }
  return fileId;
}

/** The first two steps of an external upload: a file id and upload URL, then the bytes. Resolves with the id. */
async function sendBytes(
  client: SlackClient,
  file: PrivateFileToUpload,
  opts: RetryOptions,
): Promise<string> {
  const ticket = await withRateLimitRetry(
    'files.getUploadURLExternal',
    () =>
      // Slack's documented argument is alt_txt (the SDK's type says alt_text, which Slack ignores).
      client.files.getUploadURLExternal({
        filename: file.filename,
        length: file.data.length,
        alt_txt: file.altText.slice(0, ALT_TEXT_MAX),
      } as webApi.FilesGetUploadURLExternalArguments),
    opts,
  );
  if (!ticket.upload_url || !ticket.file_id) {
    throw new SlackPostError('files.getUploadURLExternal returned no upload_url or file_id');
  }
  let uploaded: Response;
  try {
    uploaded = await fetchWithin(file.timeoutMs)(ticket.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(file.data),
    });
    await uploaded.arrayBuffer();
  } catch (err) {
    throw new SlackPostError(
      `uploading ${file.filename} to Slack's upload URL failed: ${(err as Error).message} (deadline ${file.timeoutMs} ms)`,
    );
  }
  if (uploaded.status !== 200) {
    throw new SlackPostError(
      `uploading ${file.filename} to Slack's upload URL failed with HTTP ${uploaded.status}`,
    );
  }
  return ticket.file_id;
}
