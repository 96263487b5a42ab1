// Instants as burnrate stores and compares them.

/** RFC 3339 without milliseconds, the form sync stores hours in, so string comparison orders correctly. */
export function rfc3339(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
