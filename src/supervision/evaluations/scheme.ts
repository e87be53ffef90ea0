import type { Profile } from '../../platform/profiles/index.js';
import { INDICATOR_NAMES, type IndicatorName } from '../indicators/definitions.js';

/** A value of the scheme with the article it comes from (null: configured, the text is silent). */
export interface SchemeBasis {
  article: string | null;
  text: string;
  source: string | null;
}

export interface SchemeIndicator {
  indicator: IndicatorName;
  weight: number;
}

export type EvaluationPeriodKind = 'annual' | 'half_yearly';
export type Publication = 'public' | 'internal';

/** How the authority evaluates departments (R111, R115), read from the effective profile. */
export interface EvaluationScheme {
  indicators: SchemeIndicator[];
  period: EvaluationPeriodKind;
  publication: Publication;
  basis: { indicators: SchemeBasis; period: SchemeBasis; publication: SchemeBasis };
}

/** When departments report (R112): cadence and due dates from the effective profile. */
export interface ReportScheme {
  cadence: EvaluationPeriodKind;
  firstHalfDue: string | null;
  annualDue: string;
  remindWorkingDays: number;
  basis: SchemeBasis;
}

const basisOf = (v: { article: string | null; text: string; source?: string | undefined }): SchemeBasis => ({
  article: v.article,
  text: v.text,
  source: v.source ?? null,
});

/**
 * The evaluation scheme of the effective profile; a name that is not an indicator is refused at
 * start (a profile typo must not silently drop a weight).
 */
export function evaluationScheme(profile: Profile): EvaluationScheme | null {
  const evaluation = profile.evaluation;
  if (!evaluation) return null;
  const unknown = evaluation.indicators.value.filter(
    (i) => !INDICATOR_NAMES.includes(i.indicator as IndicatorName),
  );
  if (unknown.length > 0)
    throw new Error(
      `profile ${profile.id}: evaluation.indicators names unknown indicators: ${unknown.map((u) => u.indicator).join(', ')}`,
    );
  return {
    indicators: evaluation.indicators.value.map((i) => ({
      indicator: i.indicator as IndicatorName,
      weight: i.weight,
    })),
    // The profile schema checks these against the same literals.
    period: evaluation.period.value as EvaluationPeriodKind,
    publication: evaluation.publication.value as Publication,
    basis: {
      indicators: basisOf(evaluation.indicators),
      period: basisOf(evaluation.period),
      publication: basisOf(evaluation.publication),
    },
  };
}

/** The department report scheme of the effective profile; null where the texts set none. */
export function reportScheme(profile: Profile): ReportScheme | null {
  const reports = profile.evaluation?.departmentReports;
  if (!reports?.value) return null;
  return {
    ...reports.value,
    cadence: reports.value.cadence as EvaluationPeriodKind,
    basis: basisOf(reports),
  };
}

/** A period: `2026` (annual), `2026-H1` or `2026-H2` (half-years). */
export interface EvaluationPeriod {
  period: string;
  kind: EvaluationPeriodKind;
  year: number;
  /** First and last China dates, both included. */
  from: string;
  to: string;
}

export const PERIOD_PATTERN = '^(20[0-9]{2})(-H[12])?$';

/** Parses `2026`, `2026-H1`, `2026-H2`; null for anything else. */
export function parsePeriod(period: string): EvaluationPeriod | null {
  const m = new RegExp(PERIOD_PATTERN).exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (!m[2]) return { period, kind: 'annual', year, from: `${year}-01-01`, to: `${year}-12-31` };
  const first = m[2] === '-H1';
  return {
    period,
    kind: 'half_yearly',
    year,
    from: first ? `${year}-01-01` : `${year}-07-01`,
    to: first ? `${year}-06-30` : `${year}-12-31`,
  };
}

/** A department report's period and its due date (China date). */
export interface ReportPeriod extends EvaluationPeriod {
  due: string;
}

/**
 * The report periods of a year under the scheme: half-yearly cadence reports the first half by
 * `firstHalfDue` of the same year and the whole year by `annualDue` of the next (Inner Mongolia
 * Art.32); annual cadence reports the year by `annualDue` of the next (Guangzhou Art.30).
 */
export function reportPeriods(scheme: ReportScheme, year: number): ReportPeriod[] {
  const annual = parsePeriod(String(year)) as EvaluationPeriod;
  const out: ReportPeriod[] = [];
  if (scheme.cadence === 'half_yearly' && scheme.firstHalfDue) {
    const h1 = parsePeriod(`${year}-H1`) as EvaluationPeriod;
    out.push({ ...h1, due: `${year}-${scheme.firstHalfDue}` });
  }
  out.push({ ...annual, due: `${year + 1}-${scheme.annualDue}` });
  return out;
}
