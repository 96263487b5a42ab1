// A local stand-in for Slack's Socket Mode endpoint: a real WebSocket server speaking the protocol of Slack's
// "Socket Mode implementation" guide (https://api.slack.com/apis/connections/socket-implement). On connection it
// sends `hello`; it delivers envelopes {envelope_id, type, payload, accepts_response_payload} and expects the
// app's acknowledgement {envelope_id, payload?} back, as Slack does within 3 seconds.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app sent back for an envelope, and how long it took. */
export interface EnvelopeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  /** Milliseconds from sending the envelope to receiving its acknowledgement. */
  afterMs: number;
}

export interface FakeSocketMode {
  /** The ws:// URL the fake Slack Web API hands out from apps.connections.open. */
  url: string;
  /** Resolves once an app has connected and been sent `hello`. */
  connected(): Promise<void>;
  /** Connections made so far (a reconnect after `disconnect` makes another). */
  readonly connections: number;
  /** Sends one envelope to the connected app; resolves with its acknowledgement (rejects after `ackTimeoutMs`). */
  deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    opts?: {
      acceptsResponsePayload?: boolean;
      retryAttempt?: number;
      envelopeId?: string;
      ackTimeoutMs?: number;
    },
  ): Promise<EnvelopeAck>;
  /** Every frame the app sent that was not an acknowledgement of a known envelope. */
  readonly strayFrames: readonly string[];
  /** Resolves when the app has closed its connection. */
  closedByApp(): Promise<void>;
  close(): Promise<void>;
}

// How long Slack waits for an acknowledgement before it retries the envelope.
const SLACK_ACK_WINDOW_MS = 3_000;

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const pending = new Map<string, { sentAt: number; resolve: (ack: EnvelopeAck) => void }>();
  const strayFrames: string[] = [];
  let socket: WebSocket | null = null;
  let connections = 0;
  let onConnected: Array<() => void> = [];
  let onClosed: Array<() => void> = [];

  server.on('connection', (ws) => {
    socket = ws;
    connections += 1;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-socket-mode', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0BURNRATE' },
      }),
    );
    for (const notify of onConnected) notify();
    onConnected = [];
    ws.on('message', (data) => {
      const text = data.toString();
      let frame: { envelope_id?: unknown; payload?: Record<string, unknown> };
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        strayFrames.push(text);
        return;
      }
      const waiting = typeof frame.envelope_id === 'string' ? pending.get(frame.envelope_id) : undefined;
      if (!waiting || typeof frame.envelope_id !== 'string') {
        strayFrames.push(text);
        return;
      }
      pending.delete(frame.envelope_id);
      waiting.resolve({
        envelope_id: frame.envelope_id,
        ...(frame.payload ? { payload: frame.payload } : {}),
        afterMs: Date.now() - waiting.sentAt,
      });
    });
    ws.on('close', () => {
      if (socket === ws) socket = null;
      for (const notify of onClosed) notify();
      onClosed = [];
    });
  });

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake-ticket`,
    get connections() {
      return connections;
    },
    strayFrames,
    connected: () => (socket ? Promise.resolve() : new Promise<void>((resolve) => onConnected.push(resolve))),
    closedByApp: () => (socket ? new Promise<void>((resolve) => onClosed.push(resolve)) : Promise.resolve()),
    deliver(type, payload, opts = {}) {
      const ws = socket;
      if (!ws) return Promise.reject(new Error('no app is connected to the fake Socket Mode server'));
      const envelopeId = opts.envelopeId ?? randomUUID();
      const envelope = {
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: opts.acceptsResponsePayload ?? type !== 'events_api',
        ...(type === 'events_api' ? { retry_attempt: opts.retryAttempt ?? 0, retry_reason: '' } : {}),
      };
      return new Promise<EnvelopeAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(
            new Error(
              `envelope ${envelopeId} (${type}) was not acknowledged within ${opts.ackTimeoutMs ?? SLACK_ACK_WINDOW_MS} ms`,
            ),
          );
        }, opts.ackTimeoutMs ?? SLACK_ACK_WINDOW_MS);
        pending.set(envelopeId, {
          sentAt: Date.now(),
          resolve: (ack) => {
            clearTimeout(timer);
            resolve(ack);
          },
        });
        ws.send(JSON.stringify(envelope));
      });
    },
    async close() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
