import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

// Paths pino masks wherever they appear in a logged object: Slack and Google secrets must never be written.
export const REDACTED_PATHS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'clientSecret',
  'authorization',
  'password',
  'private_key',
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  '*.clientSecret',
  '*.authorization',
  '*.password',
  '*.private_key',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
  'req.headers.authorization',
  'env.SLACK_BOT_TOKEN',
  'env.SLACK_SIGNING_SECRET',
  'env.SLACK_APP_TOKEN',
];

const REDACTED = '[Redacted]';

// Secret shapes caught in every written line (JSON or free text) as a second line of defence: redact paths only
// reach fixed depths and exact key names, while client libraries nest headers and keys anywhere.
const SECRET_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  // Slack bot/user/app tokens.
  [/xox[abposr]-[A-Za-z0-9-]+/g, REDACTED],
  [/xapp-[A-Za-z0-9-]+/g, REDACTED],
  // Google OAuth 2.0 access tokens.
  [/ya29\.[0-9A-Za-z_.-]+/g, REDACTED],
  // PEM private keys (PKCS#8, RSA, EC, encrypted), whole or cut short; in JSON their line breaks are "\n".
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|[^"]*)/g, REDACTED],
  // An Authorization (or Proxy-Authorization) header as a JSON member, at any depth and in any case…
  [/("(?:proxy-)?authorization"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
  // …and in text: "Authorization: Bearer …", "authorization=Basic%20…".
  [/\b((?:proxy-)?authorization\s*[:=]\s*)(?:(?:bearer|basic)(?:\s+|%20))?[^\s",;&]+/gi, `$1${REDACTED}`],
  // Any other bearer credential.
  [/\bBearer\s+[A-Za-z0-9._~+/-]+=*/g, `Bearer ${REDACTED}`],
];

/** Environment variables whose values are secrets, wherever they turn up in text. */
const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'GOOGLE_CREDENTIALS_JSON',
];

/** The secret values set in `env`, for scrubSecrets. */
export function environmentSecrets(env: NodeJS.ProcessEnv): string[] {
  return SECRET_VARIABLES.map((name) => env[name]).filter(
    (v): v is string => typeof v === 'string' && v !== '',
  );
}

export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export interface LoggerOptions {
  level?: string;
  /** Known secret values (from the environment) to scrub from every line. */
  secrets?: readonly string[];
  destination?: DestinationStream;
  pretty?: boolean;
}

/** JSON lines when not a TTY (production, CI); short human lines on a terminal. */
export function createLogger(opts: LoggerOptions = {}): Logger {
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 8);
  const sink = opts.destination ?? process.stderr;
  const pretty = opts.pretty ?? (sink === process.stderr && process.stderr.isTTY === true);
  const destination: DestinationStream = {
    write(line: string) {
      const clean = scrubSecrets(line, secrets);
      sink.write(pretty ? humanLine(clean) : clean);
    },
  };
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[Redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** pino's numeric levels by name, as its JSON lines carry them. */
export const LEVEL_NAMES: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

function humanLine(jsonLine: string): string {
  try {
    const { level, time, msg, ...rest } = JSON.parse(jsonLine) as Record<string, unknown>;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${String(time).slice(11, 19)} ${LEVEL_NAMES[level as number] ?? level} ${msg ?? ''}${extra}\n`;
  } catch {
    return jsonLine;
  }
}
