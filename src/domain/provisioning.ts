// The provisioning model of a Vertex AI machine (Compute Engine's word for it), which decides how Google bills it (docs/pipeline.md, "Spot,
// reservations, Flex-start"): on demand on Vertex AI's own SKUs; on Spot, a reservation or Flex-start (Dynamic
// Workload Scheduler) as Compute Engine SKUs plus a Vertex AI management fee.

export const PROVISIONING_MODELS = ['on-demand', 'spot', 'reservation', 'flex-start'] as const;
export type ProvisioningModel = (typeof PROVISIONING_MODELS)[number];
