import type { OperationOutcome } from '../../gcp/types.js';
import type { PerformOutcome } from './action.js';

/** What a finished (or still running) long-running operation means for the click. */
export function settleOperation(outcome: OperationOutcome, done: string): PerformOutcome {
  switch (outcome.status) {
    case 'succeeded':
      return { result: 'ok', summary: done };
    case 'timeout':
      return {
        result: 'timeout',
        summary: `operation ${outcome.operationName ?? '(unnamed)'} still running`,
      };
    default:
      return { result: 'failed', summary: outcome.error ?? 'the operation failed' };
  }
}
