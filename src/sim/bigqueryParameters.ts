// Named query parameters of a BigQuery job (configuration.query.queryParameters), as the simulator reads them.

import { GoogleApiError } from './http.js';

export interface QueryParameter {
  name?: string;
  parameterType?: { type?: string; arrayType?: { type?: string } };
  parameterValue?: { value?: string; arrayValues?: { value?: string }[] };
}

export function invalidQuery(message: string): GoogleApiError {
  return new GoogleApiError(400, message, { reason: 'invalidQuery' });
}

export function parseParameters(raw: unknown): Map<string, QueryParameter> {
  const parameters = new Map<string, QueryParameter>();
  if (!Array.isArray(raw)) return parameters;
  for (const parameter of raw as QueryParameter[]) {
    if (parameter?.name) parameters.set(parameter.name, parameter);
  }
  return parameters;
}

export function referencesParameter(sql: string, name: string): boolean {
  return new RegExp(`@${name}\\b`).test(sql);
}

export function dayParameter(sql: string, parameters: Map<string, QueryParameter>, name: string): string {
  if (!referencesParameter(sql, name))
    throw invalidQuery(`The billing export query must filter on @${name}.`);
  const parameter = parameters.get(name);
  if (!parameter) throw invalidQuery(`Query parameter '${name}' not found at [1:1]`);
  const type = parameter.parameterType?.type;
  const value = parameter.parameterValue?.value ?? '';
  if ((type !== 'DATE' && type !== 'STRING') || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    throw invalidQuery(
      `Query parameter '${name}' must be a DATE like 2024-05-01, got ${type ?? 'no type'} "${value}".`,
    );
  }
  return value;
}

export function arrayParameter(parameters: Map<string, QueryParameter>, name: string): string[] {
  const parameter = parameters.get(name);
  if (!parameter) throw invalidQuery(`Query parameter '${name}' not found at [1:1]`);
  if (parameter.parameterType?.type !== 'ARRAY') {
    throw invalidQuery(`Query parameter '${name}' must be an ARRAY<STRING>.`);
  }
  return (parameter.parameterValue?.arrayValues ?? []).map((entry) => entry.value ?? '');
}
