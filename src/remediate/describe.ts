import type { Finding } from '../audit/findings.js';
import type { SuggestedAction } from '../audit/model.js';

/** "undeploy churn-gpu on churn-endpoint", "scale … to 2 min replicas", "cancel job nightly-train-42". */
export function describeAction(finding: Finding, action: SuggestedAction): string {
  const target = finding.evidence.target;
  switch (action) {
    case 'undeploy':
      return `undeploy ${target.displayName}`;
    case 'scale':
      return `scale ${target.displayName} to ${finding.suggestedValue ?? '?'} min replica${finding.suggestedValue === 1 ? '' : 's'}`;
    case 'cancel':
      return `cancel job ${target.displayName}`;
  }
}
