// What readers derive from the data, kept per connection until the data changes: deployments, project and
// resource names change only when a sync writes, while questions read them many times between syncs.

import type { Store } from './open.js';
import { dataVersion } from './queries/syncState.js';

/**
 * `read` as it was the last time the data was the same (per connection): read again only after a write, by
 * this connection or another (a sync in its own process).
 */
export function perDataVersion<T>(read: (store: Store) => T): (store: Store) => T {
  const kept = new WeakMap<Store['sqlite'], { version: string; value: T }>();
  return (store) => {
    const version = dataVersion(store);
    const cached = kept.get(store.sqlite);
    if (cached && cached.version === version) return cached.value;
    const value = read(store);
    kept.set(store.sqlite, { version, value });
    return value;
  };
}
