import type { ShareType } from '../../catalog/index.js';
import type { Profile, ProfilePeriod } from '../../platform/profiles/index.js';
import { replyPeriod } from '../access-flow.js';

type FixedPeriod = ProfilePeriod & { value: number };

const fixed = (period: ProfilePeriod | undefined): FixedPeriod | null =>
  period && period.qualifier === 'fixed' && period.value !== null ? (period as FixedPeriod) : null;

/**
 * The reply period of an application that goes to the provider (政务数据共享条例第二十一条第一款):
 * a request whose items are all unconditionally shared is answered within the profile's
 * `replyUnconditional` (national: 1 working day) where the profile sets one; otherwise, and for
 * conditional data, within `reply` (national: 10). Null where the profile sets no period.
 *
 * @example applicationReplyPeriod(loadEffectiveProfile('national'), 'unconditional')?.value // 1
 */
export function applicationReplyPeriod(profile: Profile, shareType: ShareType): FixedPeriod | null {
  if (shareType === 'unconditional') {
    const unconditional = fixed(profile.deadlines.replyUnconditional);
    if (unconditional) return unconditional;
  }
  return replyPeriod(profile);
}

/** The longest extension of a reply period the profile allows, or null where it sets none. */
export function extensionLimit(profile: Profile): FixedPeriod | null {
  return fixed(profile.deadlines.replyExtension);
}
