import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../org/index.js';
import { chinaDate } from '../../platform/calendar/index.js';
import { type Clock, systemClock } from '../../platform/clock/index.js';
import { errorResponses } from '../../platform/http/index.js';
import {
  listProfiles,
  loadEffectiveProfile,
  NATIONAL_PROFILE_ID,
  overridesOf,
  ProfileSchema,
  profileExpired,
  profileNotYetInForce,
  summarizeProfile,
} from '../../platform/profiles/index.js';

export interface ProfileRoutesDeps {
  /** The id of the profile this instance runs under (a file name in `profiles/`). */
  profileId: string;
  /** Where the profiles are; the package's `profiles/` when absent. */
  profilesDir?: string;
  /** Today's date for the in-force check; the system clock when absent. */
  clock?: Clock;
}

const NullableDate = Type.Union([Type.String(), Type.Null()]);

const ProfileStatus = Type.Object({
  id: Type.String(),
  today: Type.String({ description: '今日（北京时间） / today, China date' }),
  inForce: Type.Object({ from: NullableDate, until: NullableDate }),
  expired: Type.Boolean({ description: '配置已过施行期限 / the profile has ended (inForce.until is past)' }),
  notYetInForce: Type.Boolean({ description: '配置尚未施行 / inForce.from is still ahead' }),
  national: Type.Object({
    id: Type.String(),
    inForce: Type.Object({ from: NullableDate, until: NullableDate }),
    expired: Type.Boolean(),
    notYetInForce: Type.Boolean(),
  }),
  overrides: Type.Integer({
    description: '被国家规定取代的本地规定数 / local values set aside for national ones',
  }),
});

const ProfileSummary = Type.Object({
  id: Type.String(),
  name: Type.Object({ zh: Type.String(), en: Type.String() }),
  jurisdiction: Type.Object({ zh: Type.String(), en: Type.String(), level: Type.String() }),
  inForce: Type.Object({ from: NullableDate, until: NullableDate }),
  current: Type.Boolean({ description: '本实例所用配置 / the profile this instance runs under' }),
});

/**
 * The jurisdiction profiles over HTTP (R133). The profile in force is read once, at
 * registration, so a broken file stops the start instead of failing requests.
 *
 * @example await app.register(profileRoutes({ profileId: config.profile }))
 */
export function profileRoutes(deps: ProfileRoutesDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    // The effective profile: the local one on top of 政务数据共享条例 (R123), as the platform runs it.
    const current = loadEffectiveProfile(deps.profileId, deps.profilesDir);
    const clock = deps.clock ?? systemClock;

    app.get(
      '/api/v1/profile',
      {
        schema: {
          tags: ['profile'],
          summary:
            '本实例的辖区配置（本地叠加国家规定后的生效值） / the effective jurisdiction profile in force',
          response: { 200: ProfileSchema, ...errorResponses() },
        },
      },
      async (request) => {
        actorOf(request);
        return current;
      },
    );

    app.get(
      '/api/v1/profile/status',
      {
        schema: {
          tags: ['profile'],
          summary: '本实例配置的施行状态（是否已过期） / whether the profile in force has ended',
          response: { 200: ProfileStatus, ...errorResponses() },
        },
      },
      async (request) => {
        actorOf(request);
        const today = chinaDate(clock.now());
        const nationalInForce = current.effective?.nationalInForce ?? current.inForce.value;
        const nationalState = { inForce: { value: nationalInForce } };
        return {
          id: current.id,
          today,
          inForce: current.inForce.value,
          expired: profileExpired(current, today),
          notYetInForce: profileNotYetInForce(current, today),
          national: {
            id: current.effective?.national ?? NATIONAL_PROFILE_ID,
            inForce: nationalInForce,
            expired: profileExpired(nationalState, today),
            notYetInForce: profileNotYetInForce(nationalState, today),
          },
          overrides: overridesOf(current).length,
        };
      },
    );

    app.get(
      '/api/v1/profiles',
      {
        schema: {
          tags: ['profile'],
          summary: '全部辖区配置 / all jurisdiction profiles',
          response: {
            200: Type.Object({ profiles: Type.Array(ProfileSummary) }),
            ...errorResponses('PROFILE_INVALID'),
          },
        },
      },
      async (request) => {
        actorOf(request);
        const profiles = listProfiles(deps.profilesDir).map((p) => ({
          ...summarizeProfile(p),
          current: p.id === current.id,
        }));
        return { profiles };
      },
    );
  };
}
