import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import { en } from './en.ts';
import { alertsEn, alertsMenuEn } from './modules/alerts.en.ts';
import { alertsMenuZhCN, alertsZhCN } from './modules/alerts.zh-CN.ts';
import { auditEn } from './modules/audit.en.ts';
import { auditZhCN } from './modules/audit.zh-CN.ts';
import { casesEn } from './modules/cases.en.ts';
import { casesZhCN } from './modules/cases.zh-CN.ts';
import { catalogEn } from './modules/catalog.en.ts';
import { catalogZhCN } from './modules/catalog.zh-CN.ts';
import { dualControlEn, dualControlMenuEn } from './modules/dual-control.en.ts';
import { dualControlMenuZhCN, dualControlZhCN } from './modules/dual-control.zh-CN.ts';
import { evaluationsEn, evaluationsMenuEn } from './modules/evaluations.en.ts';
import { evaluationsMenuZhCN, evaluationsZhCN } from './modules/evaluations.zh-CN.ts';
import { exchangeEn, exchangeMenuEn } from './modules/exchange.en.ts';
import { exchangeMenuZhCN, exchangeZhCN } from './modules/exchange.zh-CN.ts';
import { homeEn } from './modules/home.en.ts';
import { homeZhCN } from './modules/home.zh-CN.ts';
import { jobsEn, jobsMenuEn } from './modules/jobs.en.ts';
import { jobsMenuZhCN, jobsZhCN } from './modules/jobs.zh-CN.ts';
import { opendataEn } from './modules/opendata.en.ts';
import { opendataZhCN } from './modules/opendata.zh-CN.ts';
import { qualityMenuEn } from './modules/quality.en.ts';
import { qualityMenuZhCN } from './modules/quality.zh-CN.ts';
import { qualityCorrectionsEn } from './modules/quality-corrections.en.ts';
import { qualityCorrectionsZhCN } from './modules/quality-corrections.zh-CN.ts';
import { qualityFreshnessEn } from './modules/quality-freshness.en.ts';
import { qualityFreshnessZhCN } from './modules/quality-freshness.zh-CN.ts';
import { qualityScoresEn } from './modules/quality-scores.en.ts';
import { qualityScoresZhCN } from './modules/quality-scores.zh-CN.ts';
import { qualitySourcesEn } from './modules/quality-sources.en.ts';
import { qualitySourcesZhCN } from './modules/quality-sources.zh-CN.ts';
import { sealVerifyEn } from './modules/seal-verify.en.ts';
import { sealVerifyZhCN } from './modules/seal-verify.zh-CN.ts';
import { securityEn, securityMenuEn } from './modules/security.en.ts';
import { securityMenuZhCN, securityZhCN } from './modules/security.zh-CN.ts';
import { sharingEn } from './modules/sharing.en.ts';
import { sharingZhCN } from './modules/sharing.zh-CN.ts';
import { snapshotsEn, snapshotsMenuEn } from './modules/snapshots.en.ts';
import { snapshotsMenuZhCN, snapshotsZhCN } from './modules/snapshots.zh-CN.ts';
import { statisticsEn, statisticsMenuEn } from './modules/statistics.en.ts';
import { statisticsMenuZhCN, statisticsZhCN } from './modules/statistics.zh-CN.ts';
import { violationsEn, violationsMenuEn } from './modules/violations.en.ts';
import { violationsMenuZhCN, violationsZhCN } from './modules/violations.zh-CN.ts';
import { zhCN } from './zh-CN.ts';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'govshare.language';

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage may be unavailable (private mode); the default stands
  }
  return 'zh-CN';
}

const initial = storedLanguage();
setApiLanguage(initial);
document.documentElement.lang = initial;

void i18next.use(initReactI18next).init({
  // Each module's pages keep their messages in their own file, under the module's key.
  resources: {
    'zh-CN': {
      translation: {
        ...zhCN,
        menu: {
          ...zhCN.menu,
          ...exchangeMenuZhCN,
          ...dualControlMenuZhCN,
          ...jobsMenuZhCN,
          ...securityMenuZhCN,
          ...alertsMenuZhCN,
          ...qualityMenuZhCN,
          ...statisticsMenuZhCN,
          ...violationsMenuZhCN,
          ...evaluationsMenuZhCN,
          ...snapshotsMenuZhCN,
        },
        catalog: catalogZhCN,
        audit: auditZhCN,
        sharing: sharingZhCN,
        exchange: exchangeZhCN,
        dualControl: dualControlZhCN,
        jobs: jobsZhCN,
        sealVerify: sealVerifyZhCN,
        cases: casesZhCN,
        security: securityZhCN,
        alerts: alertsZhCN,
        qualityCorrections: qualityCorrectionsZhCN,
        qualityFreshness: qualityFreshnessZhCN,
        qualitySources: qualitySourcesZhCN,
        qualityScores: qualityScoresZhCN,
        home: homeZhCN,
        statistics: statisticsZhCN,
        violations: violationsZhCN,
        evaluations: evaluationsZhCN,
        opendata: opendataZhCN,
        snapshots: snapshotsZhCN,
      },
    },
    en: {
      translation: {
        ...en,
        menu: {
          ...en.menu,
          ...exchangeMenuEn,
          ...dualControlMenuEn,
          ...jobsMenuEn,
          ...securityMenuEn,
          ...alertsMenuEn,
          ...qualityMenuEn,
          ...statisticsMenuEn,
          ...violationsMenuEn,
          ...evaluationsMenuEn,
          ...snapshotsMenuEn,
        },
        catalog: catalogEn,
        audit: auditEn,
        sharing: sharingEn,
        exchange: exchangeEn,
        dualControl: dualControlEn,
        jobs: jobsEn,
        sealVerify: sealVerifyEn,
        cases: casesEn,
        security: securityEn,
        alerts: alertsEn,
        qualityCorrections: qualityCorrectionsEn,
        qualityFreshness: qualityFreshnessEn,
        qualitySources: qualitySourcesEn,
        qualityScores: qualityScoresEn,
        home: homeEn,
        statistics: statisticsEn,
        violations: violationsEn,
        evaluations: evaluationsEn,
        opendata: opendataEn,
        snapshots: snapshotsEn,
      },
    },
  },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the UI language, remembers it, and asks the API for errors in it. */
export function changeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered, still switched
  }
  setApiLanguage(language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export function isEnglish(language: string): boolean {
  return language.startsWith('en');
}

export default i18next;
