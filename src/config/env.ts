import { ConfigError } from './load.js';

/** Settings and secrets that come only from the environment (docs/deploy.md, "Environment"). */
export interface RuntimeEnv {
  dbPath: string;
  gcpEndpoint: string | null;
  port: number;
  logLevel: string;
  slack: {
    botToken: string | null;
    signingSecret: string | null;
    appToken: string | null;
    socketMode: boolean;
    apiUrl: string | null;
  };
  googleCredentials: string | null;
}

export const DEFAULT_DB_PATH = './data/burnrate.db';

export function readRuntimeEnv(env: NodeJS.ProcessEnv, overrides: { db?: string } = {}): RuntimeEnv {
  const port = env.PORT ? Number(env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(
      `PORT (environment): found ${JSON.stringify(env.PORT)}, expected a port number 0–65535`,
      'environment',
      'PORT',
    );
  }
  const gcpEndpoint = env.BURNRATE_GCP_ENDPOINT || null;
  if (gcpEndpoint && !/^https?:\/\/[^/\s]+\/?$/.test(gcpEndpoint)) {
    throw new ConfigError(
      `BURNRATE_GCP_ENDPOINT (environment): found ${JSON.stringify(gcpEndpoint)}, expected http://host:port`,
      'environment',
      'BURNRATE_GCP_ENDPOINT',
    );
  }
  return {
    dbPath: overrides.db ?? (env.BURNRATE_DB || DEFAULT_DB_PATH),
    gcpEndpoint,
    port,
    logLevel: env.LOG_LEVEL || 'info',
    slack: {
      botToken: env.SLACK_BOT_TOKEN || null,
      signingSecret: env.SLACK_SIGNING_SECRET || null,
      appToken: env.SLACK_APP_TOKEN || null,
      socketMode: env.SLACK_SOCKET_MODE === 'true',
      apiUrl: env.SLACK_API_URL || null,
    },
    googleCredentials: env.GOOGLE_APPLICATION_CREDENTIALS || null,
  };
}

/** Slack is configured when it can receive requests (HTTP or Socket Mode) and post answers. */
export function slackConfigured(env: RuntimeEnv): boolean {
  const s = env.slack;
  return Boolean(s.botToken && (s.socketMode ? s.appToken : s.signingSecret));
}

/** Google is configured with real credentials, or pointed at a simulator. */
export function googleConfigured(env: RuntimeEnv): boolean {
  return Boolean(env.googleCredentials || env.gcpEndpoint);
}
