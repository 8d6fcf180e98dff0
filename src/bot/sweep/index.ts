/** Drift sweeps: one repository (sweep-repository.ts), every installation (sweep-installations.ts), the state they remember. */
export { type ChangeReason, checkUnchanged } from './check-unchanged.js';
export { catalogVersion } from './catalog-version.js';
export { inWindow } from './in-window.js';
export { SweepStateFileError, createMemorySweepState, loadSweepStateFile } from './memory-sweep-state.js';
export { createRedisSweepState } from './redis-sweep-state.js';
export { type RepoSweepRecord, type SweepState } from './sweep-state.js';
export { type SweepDeps, type SweepOutcome, type SweepReport, sweepRepository } from './sweep-repository.js';
export { sweepHandler } from './sweep-handler.js';
export { type SweepInstallationsOptions, sweepInstallations } from './sweep-installations.js';
export { type SweepSummary, addOutcome, emptySummary, formatSummary } from './sweep-summary.js';
export { type EnqueueSweepsOptions, enqueueSweeps } from './enqueue-sweeps.js';
