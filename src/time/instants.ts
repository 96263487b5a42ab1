// Instants as burnrate stores and compares them: RFC 3339 to the second, UTC ("2026-11-20T05:00:00Z"). Stored
// hours and every bound compared with them use this one form, so string order is time order.

export function rfc3339(at: Date | number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Any RFC 3339 instant (with or without fractional seconds, any offset) in the stored form. */
export function storedInstant(text: string): string {
  return rfc3339(Date.parse(text));
}
