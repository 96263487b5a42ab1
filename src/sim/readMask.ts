// List methods' read_mask (google.protobuf.FieldMask): the answer keeps only the named fields. In a REST query
// string the mask is one comma-separated list of lowerCamelCase paths (`readMask=name,displayName`); gax may
// also repeat the parameter. Dotted paths keep part of a message.

import { invalidArgument } from './http.js';

/** The mask's paths in lowerCamelCase, or null when the request has none (every field). */
export function readMaskPaths(query: URLSearchParams): string[] | null {
  const values = [...query.getAll('readMask'), ...query.getAll('read_mask')];
  if (values.length === 0) return null;
  const paths = values
    .flatMap((value) => value.split(','))
    .map((path) => path.trim().replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()))
    .filter((path) => path !== '');
  for (const path of paths) {
    if (!/^[a-zA-Z]+(\.[a-zA-Z]+)*$/.test(path)) throw invalidArgument(`Invalid field mask path: "${path}".`);
  }
  return paths;
}

export function applyReadMask(
  resource: Record<string, unknown>,
  paths: readonly string[] | null,
): Record<string, unknown> {
  if (!paths) return resource;
  const kept: Record<string, unknown> = {};
  for (const path of paths) copyPath(resource, kept, path.split('.'));
  return kept;
}

function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, keys: string[]): void {
  const [key, ...rest] = keys;
  if (key === undefined || !(key in from)) return;
  const value = from[key];
  if (rest.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) {
    to[key] = value;
    return;
  }
  const child = (to[key] ?? {}) as Record<string, unknown>;
  copyPath(value as Record<string, unknown>, child, rest);
  to[key] = child;
}
