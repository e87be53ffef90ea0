export { FreshnessErrors } from './errors.js';
export { freshnessMigrations } from './migrations.js';
export { FreshnessActions } from './policies.js';
export type { Restriction } from './restrictions.js';
export { freshnessRoutes } from './routes.js';
export { type FreshnessRule, judge, ruleFor } from './rules.js';
export type { FreshnessStatus, FreshnessTables } from './schema.js';
export { type FreshnessItem, FreshnessService, type FreshnessTransition } from './service.js';
