// Field shapes scenario entries share.

import { z } from 'zod';
import { ACCELERATOR_TYPE_NAMES, machineShape } from './machines.js';

export const labels = z.record(z.string(), z.string()).default({});
export const numericId = z.string().regex(/^\d+$/, 'a string of digits, e.g. "1234567890"');
// CreateEndpointRequest.endpoint_id: a letter then up to 62 of [a-z0-9-] (not ending in "-"), or up to 9 digits;
// ids Vertex AI generates are longer numbers.
export const endpointId = z
  .string()
  .regex(
    /^(?:[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?|\d+)$/,
    'digits, or a letter followed by lowercase letters, digits and "-", e.g. "fraud-scorer-prod"',
  );
export const hoursAgo = z.number().min(0);
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as EUR');
export const hourOfDay = z.number().int().min(0).max(23);
export const accelerator = z.enum(ACCELERATOR_TYPE_NAMES);

export const machineFields = {
  machineType: z.string().refine((type) => machineShape(type) !== undefined, {
    message: 'a machine type the simulator knows (n1/n2/e2/c2-standard|highmem|highcpu-N, a2-*, a3-*, g2-*)',
  }),
  acceleratorType: accelerator.optional(),
  acceleratorCount: z.number().int().min(0).default(0),
  /**
   * A Compute Engine reservation the machines consume (machineSpec.reservationAffinity: SPECIFIC_RESERVATION with
   * the key compute.googleapis.com/reservation-name), e.g. "projects/p/zones/us-central1-a/reservations/a100".
   */
  reservation: z.string().min(1).optional(),
};
