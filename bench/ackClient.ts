// Timing Slack's acknowledgements from outside serve: requests signed beforehand and sent with node:http, so what
// is measured is serve's answer, not the benchmark's own work of building and sending twenty requests at once
// (fetch spends milliseconds of this process's time per request, which is what Slack's servers do not share).
import { request } from 'node:http';
import { nowSeconds, type SignedRequest, slackSignature } from '../test/support/slackSigned.js';

export interface PreparedRequest {
  headers: Record<string, string | number>;
  body: string;
}

export function prepare(secret: string, signed: SignedRequest): PreparedRequest {
  const timestamp = nowSeconds();
  return {
    body: signed.body,
    headers: {
      'content-type': signed.contentType,
      'content-length': Buffer.byteLength(signed.body),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, signed.body),
    },
  };
}

/** Sends a prepared request; resolves with its HTTP status and the milliseconds until the response ended. */
export function sendPrepared(
  url: string,
  prepared: PreparedRequest,
): Promise<{ status: number; ms: number }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: prepared.headers,
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(prepared.body);
  });
}
