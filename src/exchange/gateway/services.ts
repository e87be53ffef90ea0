import { chinaDate } from '../../platform/calendar/index.js';
import type { AccessAnswer } from '../../sharing/index.js';
import { ExchangeAccess } from '../access.js';
import type { HostingService } from '../hosting/index.js';
import type { ExchangeDeps } from '../index.js';
import type { HostedResource } from '../model.js';
import { ShortCache } from './cache.js';
import { Downloads } from './download.js';
import { KeyQuery } from './query.js';

/** The read side's services, built once by the composition root: key queries and batch downloads. */
export interface GatewayServices {
  /** The access check of key queries, through the short cache. */
  queryAccess: ExchangeAccess<HostedResource>;
  query: KeyQuery;
  downloads: Downloads;
}

export function createGatewayServices(
  deps: ExchangeDeps & { access: ExchangeAccess<HostedResource>; hosting: HostingService },
): GatewayServices {
  return {
    queryAccess: cachedAccess(deps),
    query: new KeyQuery(deps),
    downloads: new Downloads({ ...deps, access: deps.access }),
  };
}

/**
 * The access check of key queries, the hot path: the same check as every read, reading the
 * resource and the grant answer through a short cache, its access entries gathered per turn of
 * the event loop into shared commits (the audit trail's group commit).
 */
function cachedAccess(deps: ExchangeDeps & { hosting: HostingService }): ExchangeAccess<HostedResource> {
  const ttl = deps.config.readCacheMs;
  const resources = new ShortCache<string, HostedResource | undefined>(ttl);
  const answers = new ShortCache<string, AccessAnswer>(ttl);
  return new ExchangeAccess<HostedResource>({
    audit: deps.audit,
    clock: deps.clock,
    resource: (entryId) =>
      resources.get(
        entryId,
        () => deps.hosting.resource(entryId),
        (r) => r?.status === 'active',
      ),
    grants: {
      check: (question) =>
        answers.get(
          JSON.stringify([
            question.consumerDepartmentId,
            question.clientId ?? '',
            question.entryId,
            [...question.items].sort(),
            question.purpose,
            question.method,
            chinaDate(question.at),
          ]),
          () => deps.grants.check(question),
          (answer) => answer.allowed,
        ),
    },
  });
}
