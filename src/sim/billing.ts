// The Cloud Billing export as the simulator would have written it: rows per usage day, project, service, SKU,
// location, labels and export_time. Two sources feed it: the scenario's synthetic history (streams and spikes,
// standing in for resources that no longer exist) and the scenario's live resources, billed hour by hour from
// their machine specs and the catalog prices for as long as they run. Usage reaches the export with a lag and in
// several appends (src/sim/billingExport.ts); credits for old days arrive when the scenario says.

import type { ProvisioningModel } from '../domain/provisioning.js';
import { BLOCK_HOURS, blockStart } from './billingExport.js';
import { type BillingRow, RowAccumulator } from './billingRows.js';
import { DAY_MS, HOUR_MS, startOfUtcDay, startOfUtcHour, utcDay } from './clock.js';
import { type AcceleratorType, machineShape } from './machines.js';
import { unitNoise } from './random.js';
import type { ScenarioSku, SkuMeter } from './scenario.js';
import type { MachineRequest, SimJob, SimState } from './state.js';
import { deployedFraction, predictionsInHour, replicasInHour } from './traffic.js';

const BLOCK_MS = BLOCK_HOURS * HOUR_MS;

/** Rows Vertex AI Pipelines launches carry this label, its value the run's billing id (docs/pipeline.md). */
export const PIPELINE_RUN_LABEL = 'vertex-ai-pipelines-run-billing-id';
/** The label Vertex AI puts on Compute Engine usage it runs on Spot, reserved and Flex-start VMs. */
export const VERTEX_PRODUCT_LABEL = 'goog-vertex-ai-product';
// Its value per workload: Google documents vertex-ai-online-prediction; the training and batch values are the
// simulator's assumption (docs/simulator.md).
const PRODUCT_OF = {
  training: 'vertex-ai-training',
  online: 'vertex-ai-online-prediction',
  batch: 'vertex-ai-batch-prediction',
} as const;

type Workload = SkuMeter['workload'];

/** One billable part of a machine: which SKU, how many of its units one replica uses per hour, extra labels. */
interface MeteredPart {
  sku: ScenarioSku;
  unitsPerReplicaHour: number;
  labels: Record<string, string>;
}

export class BillingLedger {
  private cache: { key: string; rows: BillingRow[] } | null = null;

  constructor(readonly state: SimState) {}

  /** First day (UTC midnight) of the billing history. */
  firstDayMs(): number {
    const days = this.state.scenario.billing?.days ?? 0;
    return startOfUtcDay(this.state.clock.origin.getTime()) - days * DAY_MS;
  }

  /** Every row exported by now (export_time ≤ the simulated time). */
  rows(): BillingRow[] {
    const nowMs = this.state.clock.nowMs();
    const key = `${this.state.version}@${nowMs}`;
    if (this.cache?.key === key) return this.cache.rows;
    const rows = this.build().filter((row) => row.exportMs <= nowMs);
    this.cache = { key, rows };
    return rows;
  }

  private build(): BillingRow[] {
    const billing = this.state.scenario.billing;
    if (!billing) return [];
    const accumulator = new RowAccumulator(this.state, billing.creditFraction, billing.currency);
    this.addHistory(accumulator);
    if (billing.includeResourceUsage) {
      this.addJobUsage(accumulator);
      this.addEndpointUsage(accumulator);
    }
    this.addLateCredits(accumulator);
    return accumulator.rows();
  }

  private addLateCredits(accumulator: RowAccumulator): void {
    const billing = this.state.scenario.billing;
    if (!billing) return;
    const originMs = this.state.clock.origin.getTime();
    for (const credit of billing.lateCredits) {
      accumulator.addCredit(
        utcDay(startOfUtcDay(originMs) - credit.daysAgo * DAY_MS),
        credit.project,
        this.skuById(credit.skuId),
        credit.location,
        credit.labels,
        credit.amount,
        originMs + credit.arrivesInHours * HOUR_MS,
      );
    }
  }

  private addHistory(accumulator: RowAccumulator): void {
    const billing = this.state.scenario.billing;
    if (!billing) return;
    const originDayMs = startOfUtcDay(this.state.clock.origin.getTime());
    // History runs up to the *current* simulated time, so it keeps growing as time advances.
    const nowMs = this.state.clock.nowMs();
    for (let dayMs = this.firstDayMs(); dayMs < nowMs; dayMs += DAY_MS) {
      const weekday = new Date(dayMs).getUTCDay();
      const seasonal = weekday === 0 || weekday === 6 ? billing.weekendFactor : 1;
      const monthsFromOrigin = (dayMs - originDayMs) / (30 * DAY_MS);
      billing.streams.forEach((stream, index) => {
        const growth = (1 + stream.growthPerMonth) ** monthsFromOrigin;
        const jitter = 1 + billing.noise * (2 * unitNoise(`${billing.seed}/${index}/${dayMs}`) - 1);
        const sku = this.skuById(stream.skuId);
        const cost = stream.dailyCost * seasonal * growth * jitter;
        accumulator.addDay(dayMs, nowMs, stream.project, sku, stream.location, stream.labels, cost, {
          creditFraction: stream.creditFraction,
          currency: stream.currency,
        });
      });
    }
    for (const spike of billing.spikes) {
      const dayMs = originDayMs - spike.daysAgo * DAY_MS;
      if (dayMs < this.firstDayMs()) continue;
      accumulator.addDay(
        dayMs,
        this.state.clock.nowMs(),
        spike.project,
        this.skuById(spike.skuId),
        spike.location,
        spike.labels,
        spike.cost,
      );
    }
  }

  private addJobUsage(accumulator: RowAccumulator): void {
    const windowStartMs = this.firstDayMs();
    for (const job of this.state.jobs) {
      const status = this.state.jobStatus(job);
      if (status.billedUntilMs === null) continue;
      const fromMs = Math.max(job.startMs, windowStartMs);
      const untilMs = Math.min(status.billedUntilMs, this.state.clock.nowMs());
      if (untilMs <= fromMs) continue;
      const batch = job.kind === 'batch_prediction';
      const workload: Workload = batch ? 'prediction' : 'training';
      const product = batch ? PRODUCT_OF.batch : PRODUCT_OF.training;
      const parts = this.meteredParts(job.machine, workload, job.provisioning, job.region, product);
      // What the job used: a batch job's replicas at its utilization (Google bills the node hours used).
      const replicas = job.replicaCount * job.parallelTrials * job.replicaUtilization;
      const labels = billedLabels(job);
      // Jobs run at a constant size, so whole blocks can be billed at once.
      for (let start = blockStart(fromMs); start < untilMs; start += BLOCK_MS) {
        const hours = (Math.min(untilMs, start + BLOCK_MS) - Math.max(fromMs, start)) / HOUR_MS;
        for (const part of parts) {
          const cost = hours * replicas * part.unitsPerReplicaHour * part.sku.unitPrice;
          accumulator.add(start, job.project, part.sku, job.region, { ...labels, ...part.labels }, cost);
        }
      }
    }
  }

  private addEndpointUsage(accumulator: RowAccumulator): void {
    const nowMs = this.state.clock.nowMs();
    const originMs = this.state.clock.origin.getTime();
    for (const endpoint of this.state.endpoints) {
      for (const model of endpoint.deployedModels) {
        // A shared pool's machines are the pool's cost, not one model's; pools are not billed here.
        if (model.sharedPool) continue;
        const parts = this.meteredParts(
          model.machine,
          'prediction',
          model.provisioning,
          endpoint.region,
          PRODUCT_OF.online,
        );
        const untilMs = Math.min(model.undeployedMs ?? nowMs, nowMs);
        for (
          let hourMs = startOfUtcHour(Math.max(model.createMs, this.firstDayMs()));
          hourMs < untilMs;
          hourMs += HOUR_MS
        ) {
          const predictions = predictionsInHour(model, hourMs, originMs, nowMs);
          const replicaHours =
            replicasInHour(model, hourMs, predictions) * deployedFraction(model, hourMs, nowMs);
          for (const part of parts) {
            const cost = replicaHours * part.unitsPerReplicaHour * part.sku.unitPrice;
            const labels = { ...endpoint.labels, ...part.labels };
            accumulator.add(hourMs, endpoint.project, part.sku, endpoint.region, labels, cost);
          }
        }
      }
    }
  }

  private skuById(skuId: string): ScenarioSku {
    const sku = this.state.scenario.catalog.skus.find((candidate) => candidate.skuId === skuId);
    if (!sku) throw new Error(`scenario references unknown SKU ${skuId}`);
    return sku;
  }

  /**
   * Splits a machine into the SKUs Google bills it by. On demand: Vertex AI's SKUs for the workload (cores, RAM,
   * GPUs), which carry the whole price. On Spot, a reservation or Flex-start: the VM's Compute Engine SKUs (Spot;
   * on-demand, which reserved capacity is charged at; Dynamic Workload Scheduler), labelled goog-vertex-ai-product,
   * plus Vertex AI's management fee SKU for the workload on each part (docs/pipeline.md).
   */
  private meteredParts(
    machine: MachineRequest,
    workload: Workload,
    provisioning: ProvisioningModel,
    region: string,
    product: string,
  ): MeteredPart[] {
    const shape = machineShape(machine.machineType);
    if (!shape) return [];
    const accelerator = machine.acceleratorType ?? shape.builtInAccelerator?.type;
    const acceleratorCount = Math.max(machine.acceleratorCount, shape.builtInAccelerator?.count ?? 0);
    const wanted: { component: 'core' | 'ram' | 'gpu'; units: number }[] = [
      { component: 'core', units: shape.vcpus },
      { component: 'ram', units: shape.memoryGib },
    ];
    if (accelerator && acceleratorCount > 0) wanted.push({ component: 'gpu', units: acceleratorCount });
    const parts: MeteredPart[] = [];
    for (const { component, units } of wanted) {
      const vm = this.findMeteredSku(workload, component, shape.family, accelerator, provisioning, region);
      if (!vm) continue;
      const compute = vm.meter?.workload === undefined;
      const labels: Record<string, string> = compute ? { [VERTEX_PRODUCT_LABEL]: product } : {};
      parts.push({ sku: vm, unitsPerReplicaHour: units, labels });
      // The fee goes with the VM's own price, not with Vertex AI's on-demand SKU (which includes it).
      if (!compute && !vm.meter?.spot) continue;
      const fee = this.findMeteredSku(
        workload,
        `fee_${component}`,
        shape.family,
        accelerator,
        'on-demand',
        region,
      );
      if (fee) parts.push({ sku: fee, unitsPerReplicaHour: units, labels: {} });
    }
    return parts;
  }

  private findMeteredSku(
    workload: Workload,
    component: SkuMeter['component'],
    family: string,
    accelerator: AcceleratorType | undefined,
    provisioning: ProvisioningModel,
    region: string,
  ): ScenarioSku | undefined {
    const isGpu = component === 'gpu' || component === 'fee_gpu';
    const isFee = component.startsWith('fee_');
    // A meter without a workload is a Compute Engine SKU: it prices the VM whatever Vertex AI uses it for.
    const matches = (sku: ScenarioSku, [wantSpot, wantDws, wantCompute]: Search) => {
      const meter = sku.meter;
      if (!meter || meter.component !== component) return false;
      if (wantCompute ? meter.workload !== undefined : meter.workload !== workload) return false;
      if (isGpu ? meter.accelerator !== accelerator : meter.family !== family) return false;
      return isFee || (meter.spot === wantSpot && meter.dws === wantDws);
    };
    const skus = this.state.scenario.catalog.skus;
    // A scenario without the SKU Google would bill falls back to the next closest rather than billing nothing.
    for (const search of isFee ? SEARCHES['on-demand'] : SEARCHES[provisioning]) {
      const candidates = skus.filter((sku) => matches(sku, search));
      const found = candidates.find((sku) => sku.regions.includes(region)) ?? candidates[0];
      if (found) return found;
    }
    return undefined;
  }
}

/** [Spot, Dynamic Workload Scheduler, Compute Engine]: the SKUs to look for, first found wins. */
type Search = readonly [boolean, boolean, boolean];
const SEARCHES: Record<ProvisioningModel, readonly Search[]> = {
  'on-demand': [[false, false, false]],
  // Compute Engine's Spot SKU, then a Vertex AI Spot one, then on demand.
  spot: [
    [true, false, true],
    [true, false, false],
    [false, false, false],
  ],
  // Reserved capacity is charged at Compute Engine's on-demand rate.
  reservation: [
    [false, false, true],
    [false, false, false],
  ],
  'flex-start': [
    [false, true, true],
    [false, false, true],
    [false, false, false],
  ],
};

/** The labels a job's rows carry: its own, plus the run's billing id on what a pipeline run launched. */
function billedLabels(job: SimJob): Record<string, string> {
  return job.kind === 'pipeline' ? { ...job.labels, [PIPELINE_RUN_LABEL]: job.id } : job.labels;
}

export type { BillingRow } from './billingRows.js';
