// The action registry: adding a remediation is adding a file and a line here. Alert buttons, the Slack
// listeners, the IAM docs and remediateFinding all read it.

import type { SuggestedAction } from '../../audit/model.js';
import type { RemediationAction } from './action.js';
import { cancelAction } from './cancel.js';
import { scaleAction } from './scale.js';
import { undeployAction } from './undeploy.js';

export const REMEDIATION_ACTIONS: Readonly<Record<SuggestedAction, RemediationAction>> = {
  undeploy: undeployAction,
  scale: scaleAction,
  cancel: cancelAction,
};

export function remediationAction(id: SuggestedAction): RemediationAction {
  return REMEDIATION_ACTIONS[id];
}

export type {
  ActionContext,
  PerformOutcome,
  RecheckPassed,
  RecheckResult,
  RemediationAction,
  UndeployPlan,
} from './action.js';
