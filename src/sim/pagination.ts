// pageSize/pageToken pagination as Google's list methods do it. Tokens are opaque to clients; here they carry
// the offset plus a fingerprint of the listing, so a token replayed against another listing is rejected.

import { invalidArgument } from './http.js';
import { hashString } from './random.js';

export interface Page<T> {
  items: T[];
  /** Absent on the last page: proto3 JSON omits empty strings. */
  nextPageToken: string | undefined;
}

export function paginate<T>(
  items: readonly T[],
  options: {
    pageSize: number | undefined;
    pageToken: string | undefined;
    listing: string;
    defaultSize: number;
    maxSize: number;
  },
): Page<T> {
  const size =
    options.pageSize && options.pageSize > 0
      ? Math.min(options.pageSize, options.maxSize)
      : options.defaultSize;
  const offset = options.pageToken ? decodeToken(options.pageToken, options.listing) : 0;
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextPageToken: end < items.length ? encodeToken(end, options.listing) : undefined,
  };
}

/** Numbers in query strings arrive as text; absent or empty means "not given". */
export function queryInt(query: URLSearchParams, name: string): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw invalidArgument(`Invalid value at '${name}' (TYPE_INT32), "${text}"`);
  return value;
}

function encodeToken(offset: number, listing: string): string {
  return Buffer.from(JSON.stringify({ o: offset, l: hashString(listing) })).toString('base64url');
}

function decodeToken(token: string, listing: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      l?: unknown;
    };
    if (typeof parsed.o === 'number' && parsed.o >= 0 && parsed.l === hashString(listing)) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw invalidArgument('Invalid page token.');
}
