// The project ids and resource names the parser recognizes, and the deployed models a unit cost chooses from, read
// once per change of the data rather than once per question: a hundred thousand jobs and thousands of deployed
// models change only when a sync writes.
import type { Store } from '../db/open.js';
import { perDataVersion } from '../db/perDataVersion.js';
import {
  type DeployedModelRow,
  deployedModelsWithEndpoints,
  knownResourceNames,
} from '../db/queries/deployedModels.js';
import { knownProjects } from '../db/queries/jobs.js';

export interface KnownNames {
  projects: readonly string[];
  /** Endpoint and deployed model display names, lowercase. */
  names: readonly string[];
}

/** The projects and resource names in the store, as of its current data. */
export const knownNamesOf: (store: Store) => KnownNames = perDataVersion((store) => ({
  projects: knownProjects(store),
  names: knownResourceNames(store),
}));

/** Every deployed model ever seen, with its endpoint's names, place and labels, as of the store's current data. */
export const knownDeployedModels: (store: Store) => readonly DeployedModelRow[] = perDataVersion((store) =>
  deployedModelsWithEndpoints(store),
);
