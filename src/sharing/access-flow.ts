import type { ShareType } from '../catalog/index.js';
import { SHARE_TYPES } from '../catalog/index.js';

import type { Profile, ProfilePeriod } from '../platform/profiles/index.js';
import { SharingErrors } from './errors.js';
import type { AccessPath } from './model.js';

/** The rule a path was chosen by: the profile's value with its article. */
export interface PathBasis {
  rule: string;
  article: string | null;
  text: string;
}

export interface AccessDecision {
  path: AccessPath;
  basis: PathBasis;
}

/** The strictest of the share types (unconditional < conditional < not_shared). */
export function strictest(types: readonly ShareType[]): ShareType {
  return types.reduce<ShareType>(
    (worst, t) => (SHARE_TYPES.indexOf(t) > SHARE_TYPES.indexOf(worst) ? t : worst),
    'unconditional',
  );
}

/** Where a consumer who needs not-shared data goes next, from the profile's `workflow.outOfCatalog`. */
export function nextStepForNotShared(profile: Profile): { next: string; nextEn: string; article: string } {
  const rule = profile.workflow.outOfCatalog;
  const article = rule.article ?? '—';
  switch (rule.value) {
    case 'negotiation':
      return {
        next: '与提供部门协商，协商未果的提请主管部门协调',
        nextEn: 'negotiate with the provider, then ask the authority to coordinate',
        article,
      };
    case 'government_decision':
      return {
        next: '由主管部门提请同级人民政府决定',
        nextEn: 'ask the authority to refer it to the government for decision',
        article,
      };
    case 'provider_reply':
      return {
        next: '向主管部门提出异议，由其协调处理',
        nextEn: 'raise an objection with the authority for coordination',
        article,
      };
    default:
      return { next: '联系主管部门协调', nextEn: 'ask the competent authority to coordinate', article };
  }
}

/**
 * How the profile's workflow shape handles a request for a cataloged resource of the given
 * share type (REQUIREMENTS §4.1–4.2):
 *
 * - not shared: refused at once, pointing to negotiation / coordination (R37, R38);
 * - `accessFlow: authority_immediate` (Guangzhou Art.19 ¶1, R29): the authority opens access
 *   per the catalog at once, whatever the class of a cataloged resource;
 * - unconditional under `provider_reply`: obtained directly (R28);
 * - conditional under `provider_reply`: an application answered by the provider (R31, R32),
 *   unless `onApplicationCovers` is `outside_catalog` (Neixiang Art.16(2), Art.12: every
 *   cataloged resource is shared on the catalog's terms and application is for data outside
 *   the catalog), in which case it is granted at once on the catalog's conditions.
 *   `not_specified` keeps the application: the notes say "其他依申请".
 */
export function accessDecision(profile: Profile, shareType: ShareType): AccessDecision {
  const { accessFlow, onApplicationCovers } = profile.workflow;
  if (shareType === 'not_shared') {
    throw SharingErrors.error('SHARING_NOT_SHARED', nextStepForNotShared(profile));
  }
  const cite = (rule: string, c: { article: string | null; text: string }): PathBasis => ({
    rule,
    article: c.article,
    text: c.text,
  });
  if (accessFlow.value === 'authority_immediate')
    return { path: 'direct', basis: cite('accessFlow:authority_immediate', accessFlow) };
  if (shareType === 'unconditional')
    return { path: 'direct', basis: cite('shareType:unconditional', accessFlow) };
  if (onApplicationCovers.value === 'outside_catalog')
    return { path: 'direct', basis: cite('onApplicationCovers:outside_catalog', onApplicationCovers) };
  return {
    path: 'application',
    basis: cite(`onApplicationCovers:${onApplicationCovers.value}`, onApplicationCovers),
  };
}

/**
 * The reply period of the profile, or null where it sets none (a qualifier other than `fixed`):
 * such an application then has no due date, is never flagged overdue, and shows the profile's
 * text saying why (e.g. Lianyungang, whose notes give no number).
 */
export function replyPeriod(profile: Profile): (ProfilePeriod & { value: number }) | null {
  const period = profile.deadlines.reply;
  if (period.qualifier !== 'fixed' || period.value === null) return null;
  return period as ProfilePeriod & { value: number };
}

/** The article a deadline shows: the profile's text with its article number. */
export function citation(period: { article: string | null; text: string }): string {
  return period.article ? `${period.text}（${period.article}）` : period.text;
}
