// The Slack app: Bolt with its HTTP receiver (or Socket Mode), our request guard in front of it, and every
// listener registered. Other parts of burnrate (serve, the auditor, reports) build on createSlackApp.
import { createServer, type IncomingMessage, type Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type CustomRoute,
  HTTPModuleFunctions,
  HTTPReceiver,
  type SocketModeReceiver,
} from '@slack/bolt';
import type { Clock } from '../app/clock.js';
import { InFlightWork } from '../app/inFlight.js';
import type { Logger } from '../app/logger.js';
import { type AnswerEngine, answerEngine } from '../ask/engine/answerThread.js';
import type { RuntimeEnv } from '../config/env.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../db/open.js';
import { pruneEvents } from '../db/queries/messages.js';
import { slackClientOptions } from '../delivery/slackClient.js';
import { createAuthorizer } from '../remediate/authorize.js';
import type { RemediationPort } from '../remediate/port.js';
import { type ChartRenderer, renderChart } from '../report/chart.js';
import { ackFirst } from './afterAck.js';
import { askerCheck } from './askers.js';
import { boltLogger } from './boltLogger.js';
import type { SlackDeps } from './deps.js';
import { createEventDedup, EVENT_ID_RETENTION_MS } from './eventDedup.js';
import { originRefusal, payloadProblem, requestOrigin, timestampProblem } from './guard.js';
import { registerListeners } from './listeners/index.js';
import { appTokenProblem, customRoutesListener, socketModeReceiver } from './socketMode.js';

export type { CustomRoute, SlackDeps };

/** The one path Slack posts events, slash commands and interactivity to (the request URL in the app manifest). */
export const SLACK_EVENTS_PATH = '/slack/events';

// Slack sends small payloads; a cap keeps a hostile client from making us buffer megabytes.
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface CreateSlackAppDeps {
  config: Config;
  env: RuntimeEnv;
  store: Store;
  clock: Clock;
  log: Logger;
  /** Extra HTTP routes served on the same port (e.g. /healthz). */
  customRoutes?: CustomRoute[];
  /** Google for the alert buttons (re-check and act); without it they say Google is not configured. */
  remediation?: RemediationPort | null;
  /** Answers questions (default: a worker thread on the store's file); the app closes it when it stops. */
  answers?: AnswerEngine;
  /** Draws answers' and App Home's charts (default: in this process). */
  charts?: ChartRenderer;
}

export interface SlackApp {
  app: App;
  deps: SlackDeps;
  /**
   * Starts listening (in Socket Mode: connects, and serves the custom routes if any); `start(0)` picks a free
   * port. Resolves with the bound port (the one asked when Socket Mode has no custom routes to serve).
   */
  start(port?: number): Promise<{ port: number }>;
  stop(): Promise<void>;
}

export class SlackSetupError extends Error {
  override name = 'SlackSetupError';
}

export function createSlackApp(input: CreateSlackAppDeps): SlackApp {
  const { config, env, store, clock, log } = input;
  const slackEnv = env.slack;
  if (!config.slack.teamId) {
    throw new SlackSetupError(
      'slack.teamId (config) is not set: the id (T0123ABCD) of the one Slack workspace burnrate answers',
    );
  }
  if (!slackEnv.botToken)
    throw new SlackSetupError('SLACK_BOT_TOKEN (environment) is not set; the bot cannot post answers');
  const logger = boltLogger(log);
  const clientOptions = slackClientOptions(env, {
    rejectRateLimitedCalls: false,
    timeoutMs: config.slack.timeoutMs,
  });
  const customRoutes = input.customRoutes ?? [];

  let app: App;
  let receiver: HTTPReceiver | null = null;
  let socketReceiver: SocketModeReceiver | null = null;
  if (slackEnv.socketMode) {
    const problem = appTokenProblem(slackEnv.appToken);
    if (problem) throw new SlackSetupError(problem);
    // The custom routes are served by our own server (see start), not Bolt's, so the port is ours to pick.
    socketReceiver = socketModeReceiver(slackEnv.appToken ?? '', logger, clientOptions);
    app = new App({
      socketMode: true,
      receiver: socketReceiver,
      token: slackEnv.botToken,
      logger,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
    });
  } else {
    if (!slackEnv.signingSecret) {
      throw new SlackSetupError(
        'SLACK_SIGNING_SECRET (environment) is not set; it is needed to verify requests in HTTP mode (or set SLACK_SOCKET_MODE=true with SLACK_APP_TOKEN)',
      );
    }
    receiver = new HTTPReceiver({
      signingSecret: slackEnv.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      customRoutes,
      logger,
      bodyLimit: BODY_LIMIT_BYTES,
    });
    // Initialization (auth.test) is deferred to start(), where a rejected token becomes a clear error.
    app = new App({
      receiver,
      token: slackEnv.botToken,
      logger,
      clientOptions,
      convoStore: false,
      deferInitialization: true,
    });
  }

  const groupMembers = async (groupId: string): Promise<readonly string[]> => {
    const res = await app.client.usergroups.users.list({ usergroup: groupId });
    return res.users ?? [];
  };
  const deps: SlackDeps = {
    config,
    env,
    store,
    clock,
    log,
    remediation: input.remediation ?? null,
    inFlight: new InFlightWork(),
    authorizer: createAuthorizer({ allow: config.remediation.allow, clock, groupMembers }),
    askers: askerCheck(config, clock, groupMembers),
    answers: input.answers ?? answerEngine({ store, config, log }),
    charts: input.charts ?? renderChart,
    ackFirst: ackFirst(),
  };

  const dedup = createEventDedup({ store, clock, log });
  app.use(async (args) => {
    deps.ackFirst.noteRequest();
    const { body, next } = args;
    const refusal = originRefusal(requestOrigin(body), config.slack);
    if (refusal) {
      log.warn({ refusal }, 'refused a Slack request from outside the configured workspace or app');
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !dedup.firstDelivery(eventId)) {
      log.info({ eventId }, 'ignored a repeated delivery of a Slack event already handled');
      return;
    }
    await next();
  });
  app.error(async (error) => {
    log.error({ err: error.message, code: error.code }, 'a Slack listener failed');
  });
  registerListeners(app, deps);

  let server: Server | null = null;
  const secret = slackEnv.signingSecret ?? '';

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    if (!receiver) return;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === SLACK_EVENTS_PATH && req.method === 'POST') {
      // Slack's signing time is the real one, as in Bolt's own check, not the clock `--now` may pin.
      const stale = timestampProblem(req.headers['x-slack-request-timestamp'], Date.now());
      if (stale) {
        log.warn({ reason: stale }, 'rejected a Slack request that failed verification');
        return reply(res, 401);
      }
      let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.parseAndVerifyHTTPRequest>>;
      try {
        buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
          { enabled: true, signingSecret: secret, bodyLimit: BODY_LIMIT_BYTES },
          req,
        );
      } catch (err) {
        const tooLarge =
          HTTPModuleFunctions.isRawBodyError(err) && (err as { statusCode?: number }).statusCode === 413;
        log.warn({ reason: (err as Error).message }, 'rejected a Slack request that failed verification');
        return reply(res, tooLarge ? 413 : 401);
      }
      let body: unknown;
      try {
        body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
      } catch {
        log.warn('rejected a Slack request whose body is not valid JSON or form data');
        return reply(res, 400);
      }
      const problem = payloadProblem(body);
      if (problem) {
        log.warn({ problem }, 'rejected a malformed Slack request');
        return reply(res, 400);
      }
      if (acknowledgedOnArrival(body)) {
        // Slack waits for nothing in these acknowledgements: sent the moment the request is verified, and the
        // request handed to Bolt only on the event loop's next turn, so the requests of a burst (twenty people
        // clicking one alert) are all acknowledged before any of them is worked on. Bolt's own acknowledgement
        // goes to a response no socket carries.
        reply(res, 200);
        const handOver = receiver;
        setImmediate(() => handOver.requestListener(buffered, new ServerResponse(buffered)));
        return;
      }
      receiver.requestListener(buffered, res);
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      reply(res, 404);
    }
  };

  const listen = async (port: number, handler: (req: IncomingMessage, res: ServerResponse) => unknown) => {
    const httpServer = createServer((req, res) => {
      Promise.resolve()
        .then(() => handler(req, res))
        .catch((err: unknown) => {
          log.error({ err: (err as Error).message }, 'unexpected failure handling an HTTP request');
          if (!res.headersSent) reply(res, 500);
        });
    });
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
    server = httpServer;
    return { port: (httpServer.address() as AddressInfo).port };
  };

  return {
    app,
    deps,
    async start(port = env.port) {
      pruneEvents(store, new Date(clock.now().getTime() - EVENT_ID_RETENTION_MS));
      try {
        await app.init();
      } catch (err) {
        throw new SlackSetupError(
          `Slack did not accept SLACK_BOT_TOKEN (auth.test failed: ${(err as Error).message})`,
        );
      }
      if (!socketReceiver) return listen(port, handleHttp);
      // The port first: a port in use fails here, before a connection to Slack is opened for nothing.
      const bound =
        customRoutes.length > 0 ? await listen(port, customRoutesListener(customRoutes)) : { port };
      try {
        await app.start();
      } catch (err) {
        throw new SlackSetupError(
          `Slack did not open a Socket Mode connection for SLACK_APP_TOKEN: ${(err as Error).message}`,
        );
      }
      return bound;
    },
    async stop() {
      // Waits until the WebSocket is closed: no envelope arrives after stop() resolves.
      if (socketReceiver) await socketReceiver.client.disconnect();
      const running = server;
      server = null;
      if (running) {
        await new Promise<void>((resolve) => {
          running.closeAllConnections();
          running.close(() => resolve());
        });
      }
      await deps.answers.close();
    },
  };
}

/**
 * Slash commands and button clicks: their acknowledgement carries nothing (answers go to the response URL or the
 * channel), unlike a form's submission (validation errors), an options request or a URL verification.
 */
function acknowledgedOnArrival(body: unknown): boolean {
  const b = body as { command?: unknown; type?: unknown };
  return typeof b.command === 'string' || b.type === 'block_actions';
}

function reply(res: ServerResponse, status: number) {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}
