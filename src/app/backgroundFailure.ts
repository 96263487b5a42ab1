import { environmentSecrets, scrubSecrets } from './logger.js';

/**
 * What to write when a promise nobody awaited rejects (a client library's background work): one line, the
 * process keeps running, and secrets are scrubbed as in the log (the error may quote a token or a key).
 */
export function reportBackgroundFailure(
  reason: unknown,
  env: NodeJS.ProcessEnv,
  write: (text: string) => void,
): void {
  const text = reason instanceof Error ? reason.message : String(reason);
  write(`burnrate: a background task failed (continuing): ${scrubSecrets(text, environmentSecrets(env))}\n`);
}
