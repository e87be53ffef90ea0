import type { RequestContext } from '../../platform/context/index.js';
import type { JobRunner } from '../../platform/jobs/index.js';
import type { QualityDeps } from '../deps.js';
import { SourceComparison } from './comparison.js';
import { ConflictCases, type ConflictReferrals } from './conflicts.js';
import { DuplicateFlags } from './duplicates.js';
import { type DesignateInput, type SourceDesignation, SourceRegistry } from './registry.js';

/** What this part is built with: the quality deps and, where built, the verification requests. */
export interface SourceDeps extends QualityDeps {
  /** Verification requests (校核纠错) a conflict is referred to; absent, referral is refused. */
  corrections?: ConflictReferrals | undefined;
}

/**
 * One data, one source (一数一源, 809 第十九条, 第四十条(一), R76–R79, N07): the registry of
 * source departments, duplicate-collection flags and conflict cases from the comparison job.
 */
export class SourceService {
  readonly registry: SourceRegistry;
  readonly duplicates: DuplicateFlags;
  readonly comparison: SourceComparison;
  readonly conflicts: ConflictCases;

  constructor(readonly deps: SourceDeps) {
    this.registry = new SourceRegistry(deps);
    this.duplicates = new DuplicateFlags(deps);
    this.comparison = new SourceComparison(deps);
    this.conflicts = new ConflictCases(deps, () => deps.corrections);
  }

  /**
   * Designates a source (R76), then flags at once the entries that already collect the item
   * (R77). A failure of that check leaves the designation made: the job raises the flags later.
   */
  async designate(ctx: RequestContext, input: DesignateInput): Promise<SourceDesignation> {
    const designation = await this.registry.designate(ctx, input);
    try {
      const all = await this.registry.active();
      await this.duplicates.detect(
        all.filter((s) => s.id === designation.id),
        all,
      );
    } catch (err) {
      this.deps.log.error({ err, source: designation.id }, 'duplicate check after a designation failed');
    }
    return designation;
  }

  /** The duplicate check over every designation in force (the job, and tests). */
  async detectDuplicates(): Promise<number> {
    const all = await this.registry.active();
    return this.duplicates.detect(all, all);
  }

  /** The comparison over every designation in force (the job, and tests). */
  async compare(signal?: AbortSignal): Promise<number> {
    return this.comparison.run(await this.registry.active(), signal);
  }

  /** Registers this part's background work with the platform's jobs runner. */
  registerJobs(jobs: JobRunner): void {
    jobs.register({
      name: 'quality.source-duplicates',
      label: {
        zh: '一数一源：重复采集检查与冲突转办跟踪',
        en: 'One source: duplicate collection and referrals',
      },
      every: 5 * 60_000,
      scope: 'cluster',
      run: async () => {
        await this.detectDuplicates();
        await this.conflicts.sweep();
      },
    });
    jobs.register({
      name: 'quality.source-comparison',
      label: { zh: '一数一源：多元校核比对', en: 'One source: cross-source comparison' },
      dailyAt: '02:30',
      scope: 'cluster',
      run: async (signal) => {
        await this.compare(signal);
      },
    });
  }
}
