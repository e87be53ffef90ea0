import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../../org/auth/request.js';
import { errorResponses } from '../../platform/http/index.js';
import { listProfiles, loadProfile, ProfileSchema, summarizeProfile } from '../../platform/profiles/index.js';

export interface ProfileRoutesDeps {
  /** The id of the profile this instance runs under (a file name in `profiles/`). */
  profileId: string;
  /** Where the profiles are; the package's `profiles/` when absent. */
  profilesDir?: string;
}

const NullableDate = Type.Union([Type.String(), Type.Null()]);

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
    const current = loadProfile(deps.profileId, deps.profilesDir);

    app.get(
      '/api/v1/profile',
      {
        schema: {
          tags: ['profile'],
          summary: '本实例的辖区配置 / the jurisdiction profile in force',
          response: { 200: ProfileSchema, ...errorResponses() },
        },
      },
      async (request) => {
        actorOf(request);
        return current;
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
