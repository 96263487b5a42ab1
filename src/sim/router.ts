// A small route table: method + path pattern with named groups → handler. Google's paths are fixed templates
// such as /v1/projects/{p}/locations/{l}/customJobs/{id}, so regular expressions describe them exactly.

import type { SimRequest, SimResponse } from './http.js';

export type RouteParams = Record<string, string>;
export type RouteHandler = (request: SimRequest, params: RouteParams) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: RouteHandler;
}

/**
 * A route from a path template, where {name} stands for one path segment (no "/" or ":"), or from a regular
 * expression with named groups for paths whose variable part spans segments (operation names).
 */
export function route(method: string, template: string | RegExp, handler: RouteHandler): Route {
  if (template instanceof RegExp) return { method, pattern: template, handler };
  const source = template
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => {
      const name = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
      return name ? `(?<${name}>[^/:]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { method, pattern: new RegExp(`^${source}$`), handler };
}

export type RouteMatch = { route: Route; params: RouteParams } | { methodNotAllowed: true } | undefined;

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  let pathMatched = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    if (candidate.method !== method) {
      pathMatched = true;
      continue;
    }
    return { route: candidate, params: { ...(match.groups ?? {}) } };
  }
  return pathMatched ? { methodNotAllowed: true } : undefined;
}
