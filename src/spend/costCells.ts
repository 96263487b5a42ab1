// Estimated costs summed per group (a project, an endpoint, a resource of its own) and window (a day), as the
// estimate adds them up: the planned part resource by resource, the measured replicas' part per deployment and
// window from the daily traffic rollup.

export class CostCells {
  /** Cost per group over every window. */
  readonly groupCost: Float64Array;
  /** Cost per window over every group. */
  readonly windowCost: Float64Array;
  /** Cost per group and window (at group × windows + window), when kept. */
  readonly cells: Float64Array | null;

  constructor(
    groups: number,
    readonly windows: number,
    keepCells: boolean,
  ) {
    this.groupCost = new Float64Array(groups);
    this.windowCost = new Float64Array(windows);
    this.cells = keepCells ? new Float64Array(groups * windows) : null;
  }

  add(group: number, window: number, cost: number): void {
    this.groupCost[group] = (this.groupCost[group] ?? 0) + cost;
    this.windowCost[window] = (this.windowCost[window] ?? 0) + cost;
    if (this.cells) {
      const at = group * this.windows + window;
      this.cells[at] = (this.cells[at] ?? 0) + cost;
    }
  }

  cell(group: number, window: number): number {
    return this.cells?.[group * this.windows + window] ?? 0;
  }
}
