// Hourly resource use per deployed model (utilization_hourly: one column per Monitoring metric), and which
// projects have deployments whose accelerators are worth measuring.

import { allRows, type Conn, execute } from '../rows.js';

// Where each utilization metric is stored.
export const UTILIZATION_COLUMNS = {
  accelerator_duty_cycle: 'accelerator_duty_cycle',
  accelerator_memory_bytes: 'accelerator_memory_bytes',
  cpu_utilization: 'cpu_utilization',
  memory_bytes: 'memory_bytes',
} as const;
export type UtilizationColumnMetric = keyof typeof UTILIZATION_COLUMNS;

export function upsertUtilizationPoint(
  conn: Conn,
  metric: UtilizationColumnMetric,
  endpointName: string,
  deployedModelId: string,
  hour: string,
  value: number,
): number {
  const column = UTILIZATION_COLUMNS[metric];
  return execute(
    conn,
    `INSERT INTO utilization_hourly (endpoint_name, deployed_model_id, hour, ${column}) VALUES (?, ?, ?, ?)
     ON CONFLICT (endpoint_name, deployed_model_id, hour) DO UPDATE SET ${column} = excluded.${column}
     WHERE utilization_hourly.${column} IS NOT excluded.${column}`,
    endpointName,
    deployedModelId,
    hour,
    value,
  );
}

/** A deployed model's hourly resource use since `sinceIso`, oldest first. */
export function deployedModelUtilization(
  conn: Conn,
  endpointName: string,
  deployedModelId: string,
  sinceIso: string,
): Array<{
  hour: string;
  acceleratorDutyCycle: number | null;
  acceleratorMemoryBytes: number | null;
  cpuUtilization: number | null;
  memoryBytes: number | null;
}> {
  return allRows(
    conn,
    'utilization of a deployed model',
    {
      hour: 'text',
      acceleratorDutyCycle: 'number?',
      acceleratorMemoryBytes: 'number?',
      cpuUtilization: 'number?',
      memoryBytes: 'number?',
    },
    `SELECT hour, accelerator_duty_cycle AS acceleratorDutyCycle, accelerator_memory_bytes AS acceleratorMemoryBytes,
            cpu_utilization AS cpuUtilization, memory_bytes AS memoryBytes
       FROM utilization_hourly
      WHERE endpoint_name = ? AND deployed_model_id = ? AND hour >= ? ORDER BY hour`,
    endpointName,
    deployedModelId,
    sinceIso,
  );
}

// Machine families whose types come with GPUs built in (A2, A3, A4, G2): such a deployment has accelerators even
// when its spec names none.
const BUILT_IN_ACCELERATOR_FAMILIES =
  "(dm.machine_type LIKE 'a2-%' OR dm.machine_type LIKE 'a3-%' OR " +
  "dm.machine_type LIKE 'a4-%' OR dm.machine_type LIKE 'g2-%')";

/** Whether a project has a live model deployed on dedicated machines with accelerators. */
export function hasDedicatedAcceleratorModels(conn: Conn, project: string): boolean {
  const found = allRows(
    conn,
    'dedicated accelerator deployments of a project',
    { n: 'number' },
    `SELECT count(*) AS n FROM deployed_models dm JOIN endpoints e ON e.name = dm.endpoint_name
      WHERE e.project = ? AND e.gone_at IS NULL AND dm.undeployed_at IS NULL AND dm.dedicated = 1
        AND (dm.accelerator_count > 0 OR ${BUILT_IN_ACCELERATOR_FAMILIES})`,
    project,
  );
  return (found[0]?.n ?? 0) > 0;
}
