import { authorize, scopeOf, scopeWhere } from '../../org/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { newId, nextCaseNumber, tablesOf } from '../../platform/db/index.js';
import type { SupervisionDeps } from '../deps.js';
import { chinaDay } from '../indicators/compute.js';
import {
  INDICATOR_NAMES,
  INDICATORS,
  type IndicatorName,
  type IndicatorUnit,
} from '../indicators/definitions.js';
import type { ViolationTables } from '../violations/schema.js';
import { canonicalJson, sealOf } from './canonical.js';
import type { EvaluationDeps } from './deps.js';
import { EvaluationErrors } from './errors.js';
import { EvaluationActions } from './policies.js';
import type { ComplianceReportTable, EvaluationTables } from './schema.js';
import { periodValue } from './scoring.js';
import { departmentsUnder, periodFigures } from './subjects.js';

/** The longest period a report covers: three years (a project's review looks back, not further). */
const MAX_DAYS = 3 * 366;
const OPEN_VIOLATION_STATUSES = ['open', 'ordered', 'rectified'] as const;

/** What a compliance report says, frozen when issued and sealed by the digest of its canonical JSON. */
export interface ComplianceContent {
  number: string;
  department: { id: string; name: string };
  project: string | null;
  period: { from: string; to: string };
  figures: {
    indicator: IndicatorName;
    label: { zh: string; en: string };
    unit: IndicatorUnit;
    value: number | null;
    numerator: number | null;
    denominator: number | null;
  }[];
  violations: { number: string; category: string; article: string; status: string; openedAt: string }[];
  basis: { value: string | null; article: string | null; text: string };
  issuedAt: string;
  issuedBy: string;
}

export interface ComplianceReport extends ComplianceContent {
  id: string;
  digest: string;
  /** Whether the stored content still gives the digest it was sealed with. */
  intact: boolean;
}

/**
 * Sharing compliance reports for IT projects (R116; 809 第三十八条, Feicheng Art.30, Inner
 * Mongolia Art.33, Lianyungang §3(6)): what a department has cataloged, answered, supplied, kept
 * fresh and read over a period, and the violations open against it, drawn from the stored daily
 * indicators and the violation cases, frozen with a number and sealed by a SHA-256 digest. The
 * department attaches it to a project or O&M funding request; the reviewing department checks it
 * by number and digest without reading the figures.
 */
export class ComplianceService {
  readonly #db;

  constructor(
    private readonly deps: SupervisionDeps,
    private readonly extra: EvaluationDeps,
  ) {
    this.#db = tablesOf<EvaluationTables & ViolationTables>(deps.db);
  }

  /** Issues a report for a department over a period; the department's own or one in the authority's reach. */
  async issue(
    ctx: RequestContext,
    input: { departmentId: string; from: string; to: string; project?: string | undefined },
  ): Promise<ComplianceReport> {
    const today = chinaDay(this.deps.clock.now());
    const department = (await departmentsUnder(this.deps, '/')).find((d) => d.id === input.departmentId);
    if (!department)
      throw EvaluationErrors.error('SUPERVISION_COMPLIANCE_DEPARTMENT', { id: input.departmentId });
    authorize(ctx.actor, EvaluationActions['supervision.compliance.issue'], {
      departmentId: department.id,
      jurisdictionPath: department.jurisdictionPath,
    });
    const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
    if (!(days >= 0) || days > MAX_DAYS || input.to > today)
      throw EvaluationErrors.error('SUPERVISION_COMPLIANCE_PERIOD', {
        from: input.from,
        to: input.to,
        today,
      });
    const project = input.project?.trim() || null;
    const figures = await periodFigures(
      this.deps.db,
      { path: '/', from: input.from, to: input.to, departmentId: department.id },
      INDICATOR_NAMES,
    );
    const violations = await this.#db
      .selectFrom('supervision_violation')
      .select(['number', 'category_zh', 'category_article', 'status', 'created_at'])
      .where('respondent_department_id', '=', department.id)
      .where('status', 'in', [...OPEN_VIOLATION_STATUSES])
      .orderBy('created_at')
      .orderBy('number')
      .execute();
    const basis = this.extra.profile.evaluation?.projectCompliance;
    const at = this.deps.clock.now().toISOString();
    const id = newId(this.deps.clock.now());
    return this.deps.db.transaction().execute(async (trx) => {
      const number = await nextCaseNumber(trx, 'supervision_compliance_report', `HG-${today.slice(0, 4)}-`);
      const content: ComplianceContent = {
        number,
        department: { id: department.id, name: department.name },
        project,
        period: { from: input.from, to: input.to },
        figures: INDICATOR_NAMES.map((indicator) => {
          const v = periodValue(
            indicator,
            figures.filter((f) => f.indicator === indicator),
          );
          return {
            indicator,
            label: INDICATORS[indicator].label,
            unit: INDICATORS[indicator].unit,
            value: v.value,
            numerator: v.numerator,
            denominator: v.denominator,
          };
        }),
        violations: violations.map((v) => ({
          number: v.number,
          category: v.category_zh,
          article: v.category_article,
          status: v.status,
          openedAt: v.created_at,
        })),
        basis: basis
          ? { value: basis.value, article: basis.article, text: basis.text }
          : { value: null, article: null, text: '' },
        issuedAt: at,
        issuedBy: actedBy(ctx.actor).name,
      };
      const digest = sealOf(content);
      await tablesOf<EvaluationTables>(trx)
        .insertInto('supervision_compliance_report')
        .values({
          id,
          number,
          department_id: department.id,
          department_name: department.name,
          jurisdiction_path: department.jurisdictionPath,
          project,
          period_from: input.from,
          period_to: input.to,
          content: canonicalJson(content),
          digest,
          issued_at: at,
          issued_by: content.issuedBy,
        })
        .execute();
      await this.deps.audit.record(trx, ctx, {
        action: 'supervision.compliance.issue',
        category: 'decision',
        targetType: 'supervision_compliance_report',
        targetId: id,
        detail: { number, departmentId: department.id, from: input.from, to: input.to, digest },
      });
      return { id, ...content, digest, intact: true };
    });
  }

  /** The reports the reader may see, newest first (the department's own; its jurisdiction's for the authority). */
  async list(actor: Actor): Promise<Omit<ComplianceReport, 'figures' | 'violations' | 'basis'>[]> {
    const scope = scopeOf(actor, EvaluationActions['supervision.compliance.read']);
    if (scope.kind === 'none') authorize(actor, EvaluationActions['supervision.compliance.read']);
    let query = this.#db.selectFrom('supervision_compliance_report').selectAll();
    query = query.where((eb) =>
      scopeWhere(eb, scope, { department: 'department_id', path: 'jurisdiction_path' }),
    );
    const rows = await query.orderBy('issued_at', 'desc').orderBy('number', 'desc').limit(500).execute();
    return rows.map((r) => {
      const { figures: _f, violations: _v, basis: _b, ...rest } = this.#view(r);
      return rest;
    });
  }

  /** One report with its figures, its digest checked; the read is audited. */
  async get(ctx: RequestContext, id: string): Promise<ComplianceReport> {
    const row = await this.#db
      .selectFrom('supervision_compliance_report')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !this.#visible(ctx.actor, row))
      throw EvaluationErrors.error('SUPERVISION_COMPLIANCE_NOT_FOUND', { id });
    const report = this.#view(row);
    await this.deps.audit.record(this.deps.db, ctx, {
      action: 'supervision.compliance.read',
      targetType: 'supervision_compliance_report',
      targetId: id,
      detail: { number: row.number, intact: report.intact },
    });
    return report;
  }

  /**
   * Checks a report by its number and digest, for any signed-in reader (the department reviewing a
   * project): whether such a report was issued with that digest and is unchanged, and whose it is —
   * never its figures. Audited.
   */
  async verify(ctx: RequestContext, number: string, digest: string) {
    const row = await this.#db
      .selectFrom('supervision_compliance_report')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirst();
    const matches = row !== undefined && row.digest === digest.toLowerCase();
    const intact = matches && sealOf(JSON.parse(row.content)) === row.digest;
    await this.deps.audit.record(this.deps.db, ctx, {
      action: 'supervision.compliance.verify',
      targetType: 'supervision_compliance_report',
      targetId: row?.id ?? number.slice(0, 64),
      detail: { number: number.slice(0, 64), valid: intact },
    });
    if (!row || !intact) return { valid: false as const, number };
    return {
      valid: true as const,
      number,
      department: row.department_name,
      project: row.project,
      period: { from: row.period_from, to: row.period_to },
      issuedAt: row.issued_at,
    };
  }

  #visible(actor: Actor, row: ComplianceReportTable): boolean {
    const scope = scopeOf(actor, EvaluationActions['supervision.compliance.read']);
    if (scope.kind === 'all') return true;
    if (scope.kind === 'none') return false;
    return (
      scope.departmentIds.includes(row.department_id) ||
      scope.jurisdictionPaths.some((p) => row.jurisdiction_path.startsWith(p))
    );
  }

  #view(row: ComplianceReportTable): ComplianceReport {
    const content = JSON.parse(row.content) as ComplianceContent;
    return { id: row.id, ...content, digest: row.digest, intact: sealOf(content) === row.digest };
  }
}
