import type { BigQueryOptions } from '@google-cloud/bigquery';
import { type ClientOptions, googleAuthLibrary } from 'google-gax';

/** Where the Google clients send requests: Google itself, or one plain-HTTP REST endpoint (the simulator). */
export type GcpTarget =
  | { kind: 'google' }
  | { kind: 'endpoint'; url: string; host: string; port: number; protocol: 'http' | 'https' };

/** Options accepted by every gax-based client (aiplatform, billing catalog, monitoring). */
export type GaxClientOptions = ClientOptions;

/** `BURNRATE_GCP_ENDPOINT` (already validated as http(s)://host:port) or null for Google's own hosts. */
export function gcpTarget(endpoint: string | null): GcpTarget {
  if (!endpoint) return { kind: 'google' };
  const url = new URL(endpoint);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return {
    kind: 'endpoint',
    url: `${protocol}://${url.hostname}:${port}`,
    host: url.hostname,
    port,
    protocol,
  };
}

/**
 * Vertex AI serves each region from its own host ({region}-aiplatform.googleapis.com); the global host only
 * knows us-central1. Against an endpoint, every region shares it and the region is in the resource path.
 */
export function vertexClientOptions(target: GcpTarget, region: string): GaxClientOptions {
  if (target.kind === 'endpoint') return endpointOptions(target);
  return { ...PRODUCTION_TRANSPORT, apiEndpoint: `${region}-aiplatform.googleapis.com` };
}

/** Catalog and Monitoring are global services: the client's default host in production. */
export function globalClientOptions(target: GcpTarget): GaxClientOptions {
  return target.kind === 'endpoint' ? endpointOptions(target) : { ...PRODUCTION_TRANSPORT };
}

/**
 * Google's REST transport (JSON over HTTP/1.1) with application default credentials, in production as against
 * the simulator, so what the tests exercise — request paths, error bodies, operation polling — is what runs.
 * Measured against gRPC in docs/pipeline.md ("Transport").
 */
const PRODUCTION_TRANSPORT = { fallback: true } as const satisfies GaxClientOptions;

// REST over plain HTTP without credentials: the PassThroughClient sends requests unauthenticated.
function endpointOptions(target: Extract<GcpTarget, { kind: 'endpoint' }>): GaxClientOptions {
  return {
    ...PRODUCTION_TRANSPORT,
    apiEndpoint: target.host,
    port: target.port,
    protocol: target.protocol,
    authClient: new googleAuthLibrary.PassThroughClient(),
  };
}

/** BigQuery runs query jobs in `projectId` (it needs bigquery.jobs.create there). */
export function bigQueryClientOptions(target: GcpTarget, projectId: string): BigQueryOptions {
  if (target.kind === 'google') return { projectId };
  // BigQuery bundles its own copy of google-auth-library; the pass-through client works with either copy.
  const authClient = new googleAuthLibrary.PassThroughClient() as unknown as BigQueryOptions['authClient'];
  return { projectId, apiEndpoint: target.url, authClient };
}
