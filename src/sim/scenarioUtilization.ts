// What a deployed model's replicas use, as the scenario states it: the levels Monitoring's resource metrics report
// at the model's usual load (docs/simulator.md "Resource use of replicas").

import { z } from 'zod';

export const utilizationSchema = z
  .strictObject({
    /** Fraction of time the accelerators are busy at the usual load per replica (accelerator/duty_cycle). */
    acceleratorDutyCycle: z.number().min(0).max(1).default(0.5),
    /** Accelerator memory a replica holds, GiB (accelerator/memory/bytes_used): the loaded model, steady. */
    acceleratorMemoryGib: z.number().min(0).default(4),
    /** Fraction of the replica's vCPUs busy at the usual load (cpu/utilization). */
    cpuUtilization: z.number().min(0).max(1).default(0.3),
    /** Host memory a replica holds, GiB (memory/bytes_used); omitted: 40 % of the machine's memory. */
    memoryGib: z.number().min(0).optional(),
  })
  .prefault({});

export type ScenarioUtilization = z.output<typeof utilizationSchema>;
