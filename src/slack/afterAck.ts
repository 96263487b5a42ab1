// After acknowledging, a handler's database work waits one turn of the event loop: SQLite calls are synchronous,
// so without it a burst of clicks (twenty people pressing one alert's button) is acknowledged one click's claim,
// re-check and bookkeeping at a time; with it, the requests already arriving are acknowledged first.
import { setImmediate } from 'node:timers/promises';

export function afterAck(): Promise<void> {
  return setImmediate();
}
