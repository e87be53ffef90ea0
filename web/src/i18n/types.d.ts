import 'i18next';
import type { AlertsMenuMessages, AlertsMessages } from './modules/alerts.zh-CN.ts';
import type { AuditMessages } from './modules/audit.zh-CN.ts';
import type { CasesMessages } from './modules/cases.zh-CN.ts';
import type { CatalogMessages } from './modules/catalog.zh-CN.ts';
import type { DualControlMenuMessages, DualControlMessages } from './modules/dual-control.zh-CN.ts';
import type { EvaluationsMenuMessages, EvaluationsMessages } from './modules/evaluations.zh-CN.ts';
import type { ExchangeMenuMessages, ExchangeMessages } from './modules/exchange.zh-CN.ts';
import type { HomeMessages } from './modules/home.zh-CN.ts';
import type { JobsMenuMessages, JobsMessages } from './modules/jobs.zh-CN.ts';
import type { OpendataMessages } from './modules/opendata.zh-CN.ts';
import type { QualityMenuMessages } from './modules/quality.zh-CN.ts';
import type { QualityCorrectionsMessages } from './modules/quality-corrections.zh-CN.ts';
import type { QualityFreshnessMessages } from './modules/quality-freshness.zh-CN.ts';
import type { QualityScoresMessages } from './modules/quality-scores.zh-CN.ts';
import type { QualitySourcesMessages } from './modules/quality-sources.zh-CN.ts';
import type { SealVerifyMessages } from './modules/seal-verify.zh-CN.ts';
import type { SecurityMenuMessages, SecurityMessages } from './modules/security.zh-CN.ts';
import type { SharingMessages } from './modules/sharing.zh-CN.ts';
import type { SnapshotsMenuMessages, SnapshotsMessages } from './modules/snapshots.zh-CN.ts';
import type { StatisticsMenuMessages, StatisticsMessages } from './modules/statistics.zh-CN.ts';
import type { ViolationsMenuMessages, ViolationsMessages } from './modules/violations.zh-CN.ts';
import type { Messages } from './zh-CN.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: {
      translation: Messages & {
        menu: ExchangeMenuMessages &
          DualControlMenuMessages &
          JobsMenuMessages &
          SecurityMenuMessages &
          AlertsMenuMessages &
          QualityMenuMessages &
          StatisticsMenuMessages &
          ViolationsMenuMessages &
          EvaluationsMenuMessages &
          SnapshotsMenuMessages;
      } & {
        catalog: CatalogMessages;
        audit: AuditMessages;
        sharing: SharingMessages;
        exchange: ExchangeMessages;
        dualControl: DualControlMessages;
        jobs: JobsMessages;
        sealVerify: SealVerifyMessages;
        cases: CasesMessages;
        security: SecurityMessages;
        alerts: AlertsMessages;
        qualityCorrections: QualityCorrectionsMessages;
        qualityFreshness: QualityFreshnessMessages;
        qualitySources: QualitySourcesMessages;
        qualityScores: QualityScoresMessages;
        home: HomeMessages;
        statistics: StatisticsMessages;
        violations: ViolationsMessages;
        evaluations: EvaluationsMessages;
        opendata: OpendataMessages;
        snapshots: SnapshotsMessages;
      };
    };
  }
}
