export * from './audit.js';
export * from './billing.js';
export * from './capacity.js';
export * from './ops.js';
export * from './prices.js';
export * from './resources.js';
export * from './rollups.js';
