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

// Token shapes caught in free text (error messages, URLs) as a second line of defence.
const SECRET_PATTERNS = [/xox[abposr]-[A-Za-z0-9-]+/g, /xapp-[A-Za-z0-9-]+/g];

export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '[Redacted]');
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join('[Redacted]');
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

const LEVEL_NAMES: Record<number, string> = {
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
