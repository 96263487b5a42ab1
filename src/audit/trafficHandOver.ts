// Where a deployed model's share of its endpoint's requests goes when it is undeployed: Google needs a new split
// that unassigns it (UndeployModelRequest.traffic_split), and whoever clicks should read which models will take
// its traffic before they do. One computation for the alert, the confirmation and the action.

import { type TrafficSplit, trafficShare, trafficSplitWithout } from '../gcp/trafficSplit.js';
import type { TrafficShare } from './model.js';

/** A model that takes part of the removed model's share. */
export interface ShareReceiver {
  deployedModelId: string;
  displayName: string;
  /** Percentage points it gains. */
  gains: number;
}

/** The removed model's share and who receives it; null when it has none or no other model remains. */
export interface HandOver {
  percent: number;
  receivers: ShareReceiver[];
  /** The endpoint's split once the model is gone: what the undeploy request sends. */
  split: TrafficSplit;
}

/** The split of recorded shares, by deployed model id. */
export function splitOfShares(shares: readonly TrafficShare[]): TrafficSplit {
  return Object.fromEntries(shares.map((s) => [s.deployedModelId, s.percent]));
}

/**
 * What undeploying `removedId` does to the split: its share goes to the remaining models in proportion to theirs
 * (trafficSplitWithout). `names` gives display names by deployed model id (the id stands in for a missing one).
 */
export function shareHandOver(
  split: TrafficSplit,
  removedId: string,
  names: Readonly<Record<string, string>> = {},
): HandOver | null {
  const percent = trafficShare(split, removedId);
  const after = trafficSplitWithout(split, removedId);
  if (percent <= 0 || Object.keys(after).length === 0) return null;
  const receivers = Object.entries(after)
    .map(([id, share]) => ({
      deployedModelId: id,
      displayName: names[id] ?? id,
      gains: share - trafficShare(split, id),
    }))
    .filter((r) => r.gains > 0)
    .sort((a, b) => b.gains - a.gains || a.displayName.localeCompare(b.displayName));
  return { percent, receivers, split: after };
}

/** shareHandOver over the shares a finding recorded. */
export function handOverOfShares(shares: readonly TrafficShare[], removedId: string): HandOver | null {
  const names = Object.fromEntries(shares.map((s) => [s.deployedModelId, s.displayName]));
  return shareHandOver(splitOfShares(shares), removedId, names);
}

/**
 * "its 10 % goes to ranker-v14", or with several receivers "its 20 % goes to ranker-a (+12 %) and ranker-b
 * (+8 %)"; "went" once done. `name` renders each display name (delivery escapes them for Slack).
 */
export function describeHandOver(
  handOver: HandOver,
  name: (displayName: string) => string = (n) => n,
  verb: 'goes' | 'went' = 'goes',
): string {
  const { percent, receivers } = handOver;
  const one = receivers.length === 1;
  const parts = receivers.map((r) => (one ? name(r.displayName) : `${name(r.displayName)} (+${r.gains} %)`));
  const list = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `its ${percent} % ${verb} to ${list}`;
}
