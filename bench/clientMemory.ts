// Resident memory of the Google clients burnrate uses, loaded and constructed with one transport:
//   node --expose-gc --import tsx bench/clientMemory.ts rest|grpc [regions]
// Prints one JSON line. Run each transport in its own process: memory already taken by one cannot be told apart
// from the other's. The clients are initialised (stubs built, protos loaded) but send nothing.

import { googleAuthLibrary } from 'google-gax';

const transport = process.argv[2];
if (transport !== 'rest' && transport !== 'grpc') {
  console.error('usage: node --expose-gc --import tsx bench/clientMemory.ts rest|grpc [regions]');
  process.exit(2);
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** RSS and live JS heap (after collection) in MiB: RSS is what the host sees, heap what is really kept. */
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const usage = process.memoryUsage();
  return { rss: mb(usage.rss), heap: mb(usage.heapUsed) };
};

const baseline = await settle();
const v1 = await import('@google-cloud/aiplatform/build/src/v1/index.js');
const { CloudCatalogClient } = await import('@google-cloud/billing');
const { MetricServiceClient } = await import('@google-cloud/monitoring');
const loaded = await settle();

// Same options as production, but no credential lookup: the figure is about the transport, not ADC.
// Vertex AI has one host per region, so production builds the three Vertex clients once per region.
const regions = ['us-central1', 'europe-west4', 'asia-northeast1', 'us-east1'].slice(
  0,
  Number(process.argv[3] ?? 1),
);
const options = { fallback: transport === 'rest', authClient: new googleAuthLibrary.PassThroughClient() };
const clients = [
  ...regions.flatMap((region) => {
    const vertex = { ...options, apiEndpoint: `${region}-aiplatform.googleapis.com` };
    return [
      new v1.EndpointServiceClient(vertex),
      new v1.JobServiceClient(vertex),
      new v1.PipelineServiceClient(vertex),
    ];
  }),
  new CloudCatalogClient({ ...options, apiEndpoint: 'cloudbilling.googleapis.com' }),
  new MetricServiceClient({ ...options, apiEndpoint: 'monitoring.googleapis.com' }),
];
await Promise.all(clients.map((client) => client.initialize()));
const constructed = await settle();
await Promise.all(clients.map((client) => client.close()));

console.log(
  JSON.stringify({
    transport,
    regions: regions.length,
    node: process.version,
    mb: { baseline, loaded, constructed },
  }),
);
