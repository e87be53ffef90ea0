export { type Measures, measure } from './measure.js';
export { scoreMigrations } from './migrations.js';
export { ScoreActions } from './policies.js';
export { scoreRoutes } from './routes.js';
export { type ColumnCounts, QualityScanner, type ScanOutcome } from './scanner.js';
export type { ScoreTables } from './schema.js';
export { type DepartmentScore, type ResourceScore, SCORE_EVERY_MS, ScoreService } from './service.js';
