// A local stand-in for the Slack Web API: a real node:http server that records every call and answers the way
// Slack does ({ok:true,...}), so the real Bolt app and WebClient can be driven end to end in tests.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

export interface FakeSlackCall {
  /** Web API method (e.g. chat.postMessage), `response_url` for posts to a response URL, `file.upload` for uploads. */
  method: string;
  /** Arguments as the app sent them: form or JSON fields, with JSON-looking values (blocks, view) parsed. */
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The path the request came to (response id for response URLs, file id for uploads). */
  path: string;
  /** Raw body bytes (uploads keep the file content here). */
  body: Buffer;
  at: number;
  /** What the fake answered a Web API call that got through (not rate limited or failed on purpose). */
  response?: Record<string, unknown>;
}

export interface FakeSlackOptions {
  teamId?: string;
  botUserId?: string;
  botId?: string;
  /** Seconds Slack asks the client to wait when rate limiting (kept small so tests stay fast). */
  retryAfterSeconds?: number;
}

/**
 * When Slack is done with a file after files.completeUploadExternal: it shows in its channel (when one was given)
 * and its type (mimetype, filetype) is filled in — empty until then, and a block naming it is refused.
 */
export type FileSharing =
  /** At once: the completion's response and files.info list the share and the type. */
  | 'immediate'
  /** Later, as Slack does after its scans: the response has neither, files.info has them after some calls. */
  | { afterInfoCalls: number }
  /** Never: Slack answered ok but did not share (or process) the file (it happens). */
  | 'never';

/** A file as the fake knows it: what the app declared for it and where it was shared. */
export interface FakeSlackFile {
  id: string;
  filename: string;
  length: number;
  /** The screen-reader description, from files.getUploadURLExternal's `alt_txt` (Slack ignores other names). */
  altTxt: string | undefined;
  title: string | undefined;
  bytes: number;
  channel: string | undefined;
  threadTs: string | undefined;
  infoCalls: number;
  /** True once files.completeUploadExternal named the file. */
  completed: boolean;
}

export interface FakeSlack {
  /** http://127.0.0.1:port */
  url: string;
  /** The Web API base URL to pass as SLACK_API_URL: http://127.0.0.1:port/api/ */
  apiUrl: string;
  /** Every recorded call, oldest first. */
  readonly calls: readonly FakeSlackCall[];
  callsOf(method: string): FakeSlackCall[];
  /** A fresh response URL served by this fake (posts to it are recorded as method `response_url`). */
  responseUrl(id?: string): string;
  /** Members answered by usergroups.users.list for a group id. */
  setUserGroupMembers(groupId: string, users: readonly string[]): void;
  /** What conversations.info answers for a channel id. */
  setChannel(id: string, info: Record<string, unknown>): void;
  /** Answer the next `times` calls of `method` with HTTP 429 and Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds?: number): void;
  /** Answer the next `times` calls of `method` (or `response_url`, `file.upload`) never: Slack hanging. */
  hangNext(method: string, times?: number): void;
  /** Answer the next `times` calls of `method` with {ok:false, error}. */
  failNext(method: string, error: string, times?: number): void;
  /**
   * The WebSocket URL apps.connections.open answers to an app-level token (Socket Mode): Slack's is a
   * wss://wss-primary.slack.com/link/?ticket=… URL made per call; a test's is its local Socket Mode server.
   */
  setSocketModeUrl(url: string): void;
  /** How uploads completed from now on are shared (default: immediate). */
  shareFiles(sharing: FileSharing): void;
  /** A file by id, as declared and uploaded. */
  file(id: string): FakeSlackFile | undefined;
  /** Resolves with the first call (already recorded or future) of `method` matching `predicate`. */
  waitFor(
    method: string,
    predicate?: (call: FakeSlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<FakeSlackCall>;
  /** Forget recorded calls, configured failures and file sharing (membership, channels, files are kept). */
  clear(): void;
  close(): Promise<void>;
}

interface Waiter {
  method: string;
  predicate: (call: FakeSlackCall) => boolean;
  resolve: (call: FakeSlackCall) => void;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0FAKE001';
  const botUserId = options.botUserId ?? 'U0FAKEBOT';
  const botId = options.botId ?? 'B0FAKEBOT';
  const calls: FakeSlackCall[] = [];
  const waiters = new Set<Waiter>();
  const groups = new Map<string, string[]>();
  const channels = new Map<string, Record<string, unknown>>();
  const rateLimits = new Map<string, { times: number; retryAfter: number }>();
  const failures = new Map<string, { times: number; error: string }>();
  const hangs = new Map<string, number>();
  // True (and counted) when this call of `method` is to get no answer.
  const hangsNow = (method: string): boolean => {
    const left = hangs.get(method) ?? 0;
    if (left <= 0) return false;
    hangs.set(method, left - 1);
    return true;
  };
  const files = new Map<string, FakeSlackFile & { sharing: FileSharing }>();
  let sharing: FileSharing = 'immediate';
  let socketModeUrl: string | null = null;
  let tsCounter = 0;
  let idCounter = 0;
  let baseUrl = '';

  const nextTs = () => {
    tsCounter += 1;
    return `1700000000.${String(tsCounter).padStart(6, '0')}`;
  };
  const nextId = (prefix: string) => {
    idCounter += 1;
    return `${prefix}${String(idCounter).padStart(8, '0')}`;
  };

  const record = (call: FakeSlackCall) => {
    calls.push(call);
    for (const waiter of waiters) {
      if (waiter.method === call.method && waiter.predicate(call)) {
        waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  };

  const answerMethod = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    const channel = typeof args.channel === 'string' ? args.channel : 'C0FAKE001';
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake Team',
          user: 'burnrate',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          is_enterprise_install: false,
        };
      case 'chat.postMessage': {
        const ts = nextTs();
        return {
          ok: true,
          channel,
          ts,
          message: {
            type: 'message',
            user: botUserId,
            bot_id: botId,
            text: args.text ?? '',
            blocks: args.blocks,
            ts,
          },
        };
      }
      case 'chat.update':
        return {
          ok: true,
          channel,
          ts: args.ts,
          text: args.text ?? '',
          message: { text: args.text, blocks: args.blocks },
        };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.publish': {
        // Slack refuses an image block naming a file it does not have or has not processed yet.
        const problem = slackFileProblem((args.view ?? {}) as Record<string, unknown>);
        if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        const view = (args.view ?? {}) as Record<string, unknown>;
        return { ok: true, view: { ...view, id: nextId('V'), team_id: teamId, hash: nextId('h') } };
      }
      case 'views.open':
      case 'views.update':
      case 'views.push': {
        const view = (args.view ?? {}) as Record<string, unknown>;
        return { ok: true, view: { ...view, id: nextId('V'), team_id: teamId, hash: nextId('h') } };
      }
      case 'usergroups.users.list':
        return { ok: true, users: groups.get(String(args.usergroup)) ?? [] };
      case 'conversations.info': {
        const info = channels.get(channel) ?? { name: `channel-${channel.toLowerCase()}` };
        return {
          ok: true,
          channel: { id: channel, is_im: channel.startsWith('D'), is_private: false, ...info },
        };
      }
      case 'files.getUploadURLExternal': {
        const fileId = nextId('F');
        files.set(fileId, {
          id: fileId,
          filename: String(args.filename ?? ''),
          length: Number(args.length ?? 0),
          altTxt: typeof args.alt_txt === 'string' ? args.alt_txt : undefined,
          title: undefined,
          bytes: 0,
          channel: undefined,
          threadTs: undefined,
          infoCalls: 0,
          completed: false,
          sharing: 'immediate',
        });
        return { ok: true, upload_url: `${baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const declared = parseMaybeJson(args.files);
        const list = (Array.isArray(declared) ? declared : []) as Array<{ id?: string; title?: string }>;
        const unknown = list.find((f) => !files.has(String(f.id)));
        if (unknown) return { ok: false, error: 'file_not_found' };
        return {
          ok: true,
          files: list.map((f) => {
            const file = files.get(String(f.id))!;
            file.title = f.title;
            file.completed = true;
            file.channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
            file.threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : undefined;
            file.sharing = sharing;
            return fileObject(file, isDone(file));
          }),
        };
      }
      case 'files.info': {
        const file = files.get(String(args.file));
        if (!file) return { ok: false, error: 'file_not_found' };
        file.infoCalls += 1;
        return { ok: true, file: fileObject(file, isDone(file)) };
      }
      default:
        return { ok: true };
    }
  };

  /** Whether Slack is done with a file (shared where asked, processed): by its sharing and files.info calls. */
  const isDone = (file: FakeSlackFile & { sharing: FileSharing }) =>
    file.bytes > 0 &&
    (file.sharing === 'immediate' ||
      (typeof file.sharing === 'object' && file.infoCalls > file.sharing.afterInfoCalls));

  /** The error Slack gives for a view whose image block names a file it cannot show yet, or null. */
  const slackFileProblem = (view: Record<string, unknown>): string | null => {
    const blocks = Array.isArray(view.blocks) ? (view.blocks as Array<Record<string, unknown>>) : [];
    for (const [i, block] of blocks.entries()) {
      const ref = block.type === 'image' ? (block.slack_file as { id?: unknown } | undefined) : undefined;
      if (!ref) continue;
      const file = typeof ref.id === 'string' ? files.get(ref.id) : undefined;
      if (!file?.completed || !isDone(file))
        return `invalid slack file [json-pointer:/view/blocks/${i}/slack_file]`;
    }
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const base = { headers: req.headers, path, body, at: Date.now() };

    if (path.startsWith('/response/')) {
      record({ method: 'response_url', args: parseArgs(req.headers, body), ...base });
      if (hangsNow('response_url')) return;
      return sendJson(res, 200, { ok: true });
    }
    if (path.startsWith('/upload/') && hangsNow('file.upload')) {
      record({ method: 'file.upload', args: { file_id: path.slice('/upload/'.length) }, ...base });
      return;
    }
    if (path.startsWith('/upload/')) {
      const uploaded = files.get(path.slice('/upload/'.length));
      if (uploaded) uploaded.bytes = body.length;
      record({
        method: 'file.upload',
        args: { file_id: path.slice('/upload/'.length), size: body.length },
        ...base,
      });
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(`OK - ${body.length}`);
    }
    if (!path.startsWith('/api/')) return sendJson(res, 404, { ok: false, error: 'not_found' });

    const method = path.slice('/api/'.length);
    const args = { ...Object.fromEntries(url.searchParams), ...parseArgs(req.headers, body) };
    const call: FakeSlackCall = { method, args, ...base };
    record(call);
    if (hangsNow(method)) return;

    const limit = rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
    }
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return sendJson(res, 200, { ok: false, error: failure.error });
    }
    if (!req.headers.authorization && !args.token && method !== 'api.test') {
      return sendJson(res, 200, { ok: false, error: 'not_authed' });
    }
    if (method === 'apps.connections.open') {
      // Only an app-level token opens a connection; Slack refuses a bot token with not_allowed_token_type.
      if (!/^Bearer xapp-/.test(String(req.headers.authorization ?? '')))
        return sendJson(res, 200, { ok: false, error: 'not_allowed_token_type' });
      if (!socketModeUrl) throw new Error('the fake Slack has no Socket Mode URL (setSocketModeUrl)');
      return sendJson(res, 200, { ok: true, url: socketModeUrl });
    }
    call.response = answerMethod(method, args);
    return sendJson(res, 200, call.response);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendJson(res, 500, { ok: false, error: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    responseUrl: (id) => `${baseUrl}/response/${id ?? nextId('R')}`,
    setUserGroupMembers: (groupId, users) => {
      groups.set(groupId, [...users]);
    },
    setChannel: (id, info) => {
      channels.set(id, info);
    },
    rateLimit: (method, times, retryAfterSeconds) => {
      rateLimits.set(method, { times, retryAfter: retryAfterSeconds ?? options.retryAfterSeconds ?? 1 });
    },
    hangNext: (method, times = 1) => {
      hangs.set(method, times);
    },
    failNext: (method, error, times = 1) => {
      failures.set(method, { times, error });
    },
    setSocketModeUrl: (url) => {
      socketModeUrl = url;
    },
    shareFiles: (next) => {
      sharing = next;
    },
    file: (id) => files.get(id),
    waitFor: (method, predicate = () => true, timeoutMs = 5_000) => {
      const found = calls.find((c) => c.method === method && predicate(c));
      if (found) return Promise.resolve(found);
      return new Promise<FakeSlackCall>((resolve, reject) => {
        const waiter: Waiter = {
          method,
          predicate,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          reject(
            new Error(`fake Slack: no matching ${method} call within ${timeoutMs} ms (calls seen: ${seen})`),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear: () => {
      calls.length = 0;
      rateLimits.clear();
      failures.clear();
      hangs.clear();
      sharing = 'immediate';
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A file object as Slack returns it; `shares` lists the channel (and thread) only once it is shared, and the type
 * fields are empty strings until Slack has processed the file (as files.info shows for a fresh upload).
 */
function fileObject(file: FakeSlackFile, done: boolean): Record<string, unknown> {
  const shared = done;
  const share = { ts: `${file.threadTs ?? '1700000000.000000'}1`, thread_ts: file.threadTs };
  const visibility = file.channel?.startsWith('C') ? 'public' : 'private';
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    alt_txt: file.altTxt,
    size: file.bytes,
    mimetype: done ? mimetypeOf(file.filename) : '',
    filetype: done ? (file.filename.split('.').pop()?.toLowerCase() ?? '') : '',
    shares: shared && file.channel ? { [visibility]: { [file.channel]: [share] } } : {},
    channels: shared && file.channel && visibility === 'public' ? [file.channel] : [],
  };
}

function mimetypeOf(filename: string): string {
  const ext = filename.split('.').pop()?.toLowerCase();
  return ext === 'png'
    ? 'image/png'
    : ext === 'jpg' || ext === 'jpeg'
      ? 'image/jpeg'
      : 'application/octet-stream';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseArgs(headers: IncomingHttpHeaders, body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  const text = body.toString('utf8');
  const type = headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : { value: parsed };
    } catch {
      return { raw: text };
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    const fields = parseQuery(text);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) out[key] = parseMaybeJson(value);
    return out;
  }
  return { raw: text };
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

function sendJson(res: ServerResponse, status: number, payload: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}
