/**
 * Reach: the lateral-movement blast radius of every workload, computed symbolically from the
 * compiled mesh (see `reach.ts` for the cost model, `layers.ts` and `quarantine.ts` for the what-ifs).
 */
export { computeReach, toReport, attackerSpecs, type ReachOptions, type ReachResult, type ReachItem, type AttackerResult } from './reach.js';
export { measureLayers, LAYERS, jwtOnlyPolicy } from './layers.js';
export { quarantineWhatIf, quarantinePolicy } from './quarantine.js';
export { verifyWitnesses, WitnessChecker, WITNESS_NOW, type WitnessFailure } from './witness.js';
export { classContains } from './contains.js';
export { formatReachText } from './text.js';
export { DEFAULT_POD_IP, DEFAULT_EXTERNAL_IP, type AttackerSpec } from './attackers.js';
export type * from './types.js';
