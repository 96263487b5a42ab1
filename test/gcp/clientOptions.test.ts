// Production and the simulator share one transport (REST): the client options differ only in where requests go
// and how they are authenticated.

import { describe, expect, it } from 'vitest';
import { gcpTarget, globalClientOptions, vertexClientOptions } from '../../src/gcp/clientOptions.js';

const WHERE_AND_WHO = ['apiEndpoint', 'port', 'protocol', 'authClient'];

const transportOf = (options: object) =>
  Object.fromEntries(Object.entries(options).filter(([key]) => !WHERE_AND_WHO.includes(key)));

describe('Google client options', () => {
  const google = gcpTarget(null);
  const simulator = gcpTarget('http://127.0.0.1:8085');

  it('use the REST transport with application default credentials in production', () => {
    expect(vertexClientOptions(google, 'europe-west4')).toEqual({
      apiEndpoint: 'europe-west4-aiplatform.googleapis.com',
      fallback: true,
    });
    expect(globalClientOptions(google)).toEqual({ fallback: true });
  });

  it('differ from the simulator’s only in host and credentials', () => {
    expect(transportOf(vertexClientOptions(simulator, 'us-central1'))).toEqual(
      transportOf(vertexClientOptions(google, 'us-central1')),
    );
    expect(transportOf(globalClientOptions(simulator))).toEqual(transportOf(globalClientOptions(google)));
    expect(vertexClientOptions(simulator, 'us-central1')).toMatchObject({
      apiEndpoint: '127.0.0.1',
      port: 8085,
      protocol: 'http',
    });
  });
});
