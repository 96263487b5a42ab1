// Socket Mode: Slack's events, slash commands and clicks arrive over a WebSocket the app opens itself (no public
// URL). Bolt's receiver speaks the protocol (apps.connections.open with the app-level token, the `hello`, an ack
// per envelope); this module builds it against SLACK_API_URL like every other Slack client, refuses a token that
// cannot open a connection before trying, and serves the custom routes (/healthz) on a port burnrate binds itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  buildReceiverRoutes,
  type CustomRoute,
  type Logger,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';

// App-level tokens start so; a bot or user token (xoxb-, xoxp-) cannot call apps.connections.open.
const APP_TOKEN_PREFIX = 'xapp-';

/** Why SLACK_APP_TOKEN cannot open a Socket Mode connection, or null when it may. */
export function appTokenProblem(token: string | null): string | null {
  if (!token)
    return 'SLACK_SOCKET_MODE=true needs SLACK_APP_TOKEN (an app-level token, xapp-…, with connections:write)';
  if (token.startsWith(APP_TOKEN_PREFIX)) return null;
  const kind = /^xox[a-z]-/.exec(token)?.[0] ?? 'something else';
  return `SLACK_APP_TOKEN must be an app-level token (xapp-…, with connections:write); found ${kind === 'something else' ? kind : `a ${kind}… token`}`;
}

/** The receiver for Socket Mode, its Web API calls (apps.connections.open) going where the bot's go. */
export function socketModeReceiver(
  appToken: string,
  logger: Logger,
  clientOptions: webApi.WebClientOptions,
): SocketModeReceiver {
  // A copy: the Socket Mode client fills in defaults of its own on the options it is given.
  return new SocketModeReceiver({
    appToken,
    logger,
    installerOptions: { clientOptions: { ...clientOptions } },
  });
}

/** Serves the custom routes (by exact path and method) and nothing else; 404 for the rest. */
export function customRoutesListener(routes: readonly CustomRoute[]) {
  const table = buildReceiverRoutes([...routes]);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handler = table[path]?.[(req.method ?? 'GET').toUpperCase()];
    if (!handler) {
      res.writeHead(404);
      res.end();
      return;
    }
    handler(Object.assign(req, { params: {} }), res);
  };
}
