// Flow control for the API server: `new FlowController({ maxRequestsInflight, maxMutatingRequestsInflight })`
// and its `filter` in the request chain (after authentication, inside audit).
export { FlowController, DUMP_PATH, type FlowControlOptions } from './filter.js';
export { classify, nominalLimits, PRIORITY_LEVELS, type Classification, type PriorityLevelConfig } from './classify.js';
export { isLongRunning } from './long-running.js';
