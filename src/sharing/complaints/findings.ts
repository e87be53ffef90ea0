import { isAllowed, scopeOf } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import { type Actor, actedBy, type RequestContext } from '../../platform/context/index.js';
import { newId } from '../../platform/db/index.js';
import { CommonErrors } from '../../platform/errors/index.js';
import { type Label, lines } from '../../platform/messages/index.js';
import type { SharingCaseKernel } from '../cases.js';
import { requiredText, SharingErrors } from '../errors.js';
import { grantStatusAt } from '../grants.js';
import type { NoticeInput, Recipient } from '../notices.js';
import { SharingActions } from '../policies.js';
import type { SharingGrantTable } from '../schema.js';
import { canReadCase } from '../store.js';
import { ComplaintCase } from './case.js';
import { ComplaintErrors } from './errors.js';
import { ComplaintNotices, ComplaintTexts } from './notice-texts.js';
import type { ComplaintDetail } from './present.js';
import {
  NO_RECTIFICATION,
  RECTIFICATION_ARTICLE,
  type Rectification,
  type RectificationOrder,
} from './rectification.js';
import {
  FINDING_ARTICLE,
  type FinderRole,
  MISUSE_FINDING,
  type MisuseKind,
  type SharingComplaintTable,
} from './schema.js';
import type { ComplaintDeps } from './service.js';
import { commonPath, complaintTables as db } from './store.js';

export interface MisuseFindingInput {
  /** The requester's grants to suspend: of one provider, held by one requester. */
  grantIds: string[];
  misuse: MisuseKind[];
  /** What the requester did, as found. */
  facts: string;
  rectification: RectificationOrder;
}

/**
 * N17 (809 第二十七条第二款, quoted in `RECTIFICATION_ARTICLE`): "政务数据共享主管部门或者政务数据提供
 * 部门应当暂停其政务数据共享权限，并督促限期整改" — the authority over the provider, or the provider's
 * resource administrators for their own grants, find a requester's misuse themselves: no
 * complaint and no complainant. The finding is a complaint case of kind `misuse_finding` opened
 * through the case kernel straight into `rectifying` — the grants are suspended and the order is
 * given in the opening transaction — so that it runs the one rectification path (report, accept,
 * reject, terminate, the sweep) whatever the profile says about inter-department complaints.
 */
export class MisuseFindings {
  constructor(
    private readonly deps: ComplaintDeps,
    private readonly kernel: SharingCaseKernel,
    private readonly rectification: Rectification,
    private readonly read: (actor: Actor, id: string) => Promise<ComplaintDetail>,
  ) {}

  async open(ctx: RequestContext, input: MisuseFindingInput): Promise<ComplaintDetail> {
    const { actor } = ctx;
    // The three administrators and department users hold no grant management anywhere.
    if (scopeOf(actor, SharingActions['sharing.grant.manage']).kind === 'none')
      throw CommonErrors.error('FORBIDDEN', { action: SharingActions['sharing.grant.manage'] });
    const facts = requiredText(input.facts, 'facts');
    const grantIds = [...new Set(input.grantIds)];
    const misuse = [...new Set(input.misuse)];
    const grants = await this.#grants(ctx, grantIds);
    const first = grants[0] as SharingGrantTable;
    const foundBy: FinderRole =
      actor.departmentId === first.provider_department_id ? 'provider' : 'authority';
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row: SharingComplaintTable = {
      id: newId(now),
      number: '',
      kind: MISUSE_FINDING,
      complainant_department_id: first.provider_department_id,
      complainant_jurisdiction_path: first.provider_jurisdiction_path,
      respondent_department_id: first.consumer_department_id,
      respondent_jurisdiction_path: first.consumer_jurisdiction_path,
      subject_type: 'grant',
      subject_id: first.id,
      subject_label: first.entry_code,
      description: facts,
      status: 'rectifying',
      filed_by: actor.id,
      filed_by_name: actedBy(actor).name,
      deadline_id: null,
      due_date: null,
      deadline_article: null,
      // The finding is the investigation's result: the requester reads the case from the start.
      investigated_by: actor.id,
      investigated_at: at,
      outcome: 'upheld',
      reply: facts,
      answered_by: actor.id,
      answered_by_name: actedBy(actor).name,
      answered_at: at,
      suspended_grants: JSON.stringify(grantIds),
      ...NO_RECTIFICATION,
      misuse: JSON.stringify(misuse),
      found_by: foundBy,
      created_at: at,
      updated_at: at,
    };
    const opened = await this.kernel.open(ComplaintCase, ctx, row, async ({ trx, today }) => {
      const order = await this.rectification.order(trx, row, input.rectification, grantIds.length, today);
      const what = misuseText(misuse);
      const reason = `${FINDING_ARTICLE}：${what.zh} / ${what.en}`;
      for (const grantId of grantIds)
        await this.deps.grants.changeIn(trx, ctx, grantId, 'suspend', reason, {
          complaintId: row.id,
          article: FINDING_ARTICLE,
        });
      const body = lines(
        ComplaintTexts.text('misuse', { misuse: what }),
        ComplaintTexts.text('facts', { facts }),
        ComplaintTexts.text('rectificationOrder', { order: order.detail.order }),
        ComplaintTexts.text('rectificationDue', { due: order.detail.dueDate }),
        ComplaintTexts.text('basis', { article: RECTIFICATION_ARTICLE }),
      );
      const to: Recipient[] = [
        { departmentId: row.respondent_department_id },
        foundBy === 'provider'
          ? {
              role: 'authority',
              jurisdictionPath: commonPath(
                row.complainant_jurisdiction_path,
                row.respondent_jurisdiction_path,
              ),
            }
          : { departmentId: row.complainant_department_id, role: 'resource_admin' },
      ];
      return {
        set: order.set,
        detail: {
          article: FINDING_ARTICLE,
          foundBy,
          misuse,
          facts,
          suspendedGrants: grantIds,
          rectification: order.detail,
          text: body.zh,
        },
        notices: to.map(
          (recipient): NoticeInput => ({
            to: recipient,
            ...ComplaintNotices.notice('complaint.misuse_found', { entry: first.entry_name, body }),
            link: `/sharing/complaints/${row.id}`,
            case: { type: 'complaint', id: row.id },
          }),
        ),
      };
    });
    return this.read(ctx.actor, opened.id);
  }

  /**
   * The grants as the finder may act on them: each one it reads and manages (the provider's own, or
   * in the authority's jurisdiction), live, of one provider and one requester that is not the
   * finder's own department.
   */
  async #grants(ctx: RequestContext, ids: string[]): Promise<SharingGrantTable[]> {
    const { actor } = ctx;
    const rows = await db(this.deps.db)
      .selectFrom('sharing_grant')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    const today = chinaDate(this.deps.clock.now());
    const byId = new Map(rows.map((r) => [r.id, r]));
    const grants: SharingGrantTable[] = [];
    for (const id of ids) {
      const grant = byId.get(id);
      if (!grant || !canReadCase(actor, grant)) throw SharingErrors.error('GRANT_NOT_FOUND', { id });
      if (grant.consumer_department_id === actor.departmentId)
        throw ComplaintErrors.error('COMPLAINT_RESPONDENT_INVALID', {
          field: 'grantIds',
          reason: { zh: '不能认定本部门违规使用', en: 'not your own department' },
        });
      if (
        !isAllowed(actor, SharingActions['sharing.grant.manage'], {
          departmentId: grant.provider_department_id,
          jurisdictionPath: grant.provider_jurisdiction_path,
        })
      )
        throw CommonErrors.error('FORBIDDEN', { action: SharingActions['sharing.grant.manage'] });
      const first = grants[0];
      if (
        grantStatusAt(grant, today) !== 'active' ||
        (first &&
          (first.provider_department_id !== grant.provider_department_id ||
            first.consumer_department_id !== grant.consumer_department_id))
      )
        throw ComplaintErrors.error('COMPLAINT_GRANT_INVALID', { field: 'grantIds', id });
      grants.push(grant);
    }
    return grants;
  }
}

/** The misuse found, in the article's own words. */
function misuseText(misuse: MisuseKind[]): Label {
  const texts = misuse.map((m) => ComplaintTexts.text(`misuse_${m}`));
  return { zh: texts.map((t) => t.zh).join('；'), en: texts.map((t) => t.en).join('; ') };
}
