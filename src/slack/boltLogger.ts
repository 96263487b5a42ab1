import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../app/logger.js';

const LEVEL_ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** Bolt's logger interface on top of our pino logger, so Bolt's messages go through the same redaction. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'slack' });
  let level: LogLevel = LogLevel.INFO;
  const emit =
    (at: LogLevel, write: (msg: string) => void) =>
    (...msg: unknown[]) => {
      if (LEVEL_ORDER[at] < LEVEL_ORDER[level]) return;
      write(
        msg
          .map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m)))
          .join(' '),
      );
    };
  return {
    debug: emit(LogLevel.DEBUG, (m) => child.debug(m)),
    info: emit(LogLevel.INFO, (m) => child.info(m)),
    warn: emit(LogLevel.WARN, (m) => child.warn(m)),
    error: emit(LogLevel.ERROR, (m) => child.error(m)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
