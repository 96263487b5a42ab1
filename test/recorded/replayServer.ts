// A local HTTP server that answers each request with a recorded Google response: the n-th request to a method
// and path gets the n-th file listed for it (the last one again after that). Anything not listed answers 404
// in Google's error shape, so a test notices a request it did not expect.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const RECORDED_DIR = join(import.meta.dirname, 'google');

export interface Recording {
  headers: Record<string, string>;
  body: unknown;
}

export function loadRecording(file: string): Recording {
  return JSON.parse(readFileSync(join(RECORDED_DIR, file), 'utf8')) as Recording;
}

/** The HTTP status a recording was answered with. */
export function recordedStatus(recording: Recording): number {
  const status = Number(recording.headers.status);
  if (Number.isInteger(status) && status >= 100) return status;
  const code = (recording.body as { error?: { code?: unknown } }).error?.code;
  return typeof code === 'number' ? code : 200;
}

export interface ReplayRoute {
  method: string;
  path: string;
  /** Files under RECORDED_DIR, answered in turn. */
  files: string[];
}

export interface ReplayServer {
  url: string;
  /** Every request received: method, path, query string. */
  received: Array<{ method: string; path: string; query: string }>;
  /** The recorded files answered so far, in order. */
  served: string[];
  /** Answers from these routes from now on, counting calls afresh (one server for many replays). */
  replace(routes: readonly ReplayRoute[]): void;
  close(): Promise<void>;
}

export async function startReplay(initialRoutes: readonly ReplayRoute[]): Promise<ReplayServer> {
  let routes = initialRoutes;
  const calls = new Map<string, number>();
  const received: ReplayServer['received'] = [];
  const served: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://replay');
    const method = (request.method ?? 'GET').toUpperCase();
    const path = decodeURIComponent(url.pathname);
    received.push({ method, path, query: url.search.slice(1) });
    request.resume();
    request.on('end', () => {
      const key = `${method} ${path}`;
      const found = routes.find((candidate) => candidate.method === method && candidate.path === path);
      const n = calls.get(key) ?? 0;
      calls.set(key, n + 1);
      const file = found?.files[Math.min(n, found.files.length - 1)];
      if (file) served.push(file);
      const recording: Recording = file
        ? loadRecording(file)
        : {
            headers: { status: '404' },
            body: { error: { code: 404, message: `not recorded: ${key}`, status: 'NOT_FOUND' } },
          };
      const text = JSON.stringify(recording.body);
      response.writeHead(recordedStatus(recording), {
        'content-type': 'application/json; charset=UTF-8',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    served,
    replace(next) {
      routes = next;
      calls.clear();
      received.length = 0;
      served.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
