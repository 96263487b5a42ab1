// Scenario entries for always-on capacity: persistent resources (training clusters kept up between jobs) and
// deployment resource pools (replicas shared by several deployed models).

import { z } from 'zod';
import { hoursAgo, labels, machineFields } from './scenarioFields.js';

const resourceId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'a letter, then lowercase letters, digits and "-"');

export const persistentResourceSchema = z.strictObject({
  id: resourceId,
  project: z.string(),
  region: z.string(),
  displayName: z.string().min(1),
  labels,
  createdHoursAgo: hoursAgo,
  state: z.enum(['PROVISIONING', 'RUNNING', 'STOPPING', 'ERROR', 'REBOOTING', 'UPDATING']).default('RUNNING'),
  resourcePools: z
    .array(
      z.strictObject({
        id: resourceId,
        ...machineFields,
        replicaCount: z.number().int().min(1).default(1),
        /** Replicas busy with training jobs now. */
        usedReplicaCount: z.number().int().min(0).default(0),
        autoscaling: z
          .strictObject({ minReplicas: z.number().int().min(1), maxReplicas: z.number().int().min(1) })
          .optional(),
      }),
    )
    .min(1),
});

export const deploymentResourcePoolSchema = z.strictObject({
  id: resourceId,
  project: z.string(),
  region: z.string(),
  createdHoursAgo: hoursAgo,
  ...machineFields,
  minReplicas: z.number().int().min(1).default(1),
  maxReplicas: z.number().int().min(1).optional(),
  spot: z.boolean().default(false),
});
