import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';

export type CryptoSuite = 'sm' | 'intl';
export type NetworkZone = 'external' | 'internal';

/** Everything an instance is configured with; read once from the environment at start. */
export interface PlatformConfig {
  dataDir: string;
  /** PostgreSQL connection string; absent means embedded SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** The URL people open in a browser; used in printed hints and OIDC redirects. */
  publicUrl: string;
  /** Jurisdiction policy profile chosen when the instance is first created. */
  profile: string;
  /**
   * GOVSHARE_PROFILE was set: a stored profile that differs is then refused at start (changed
   * only by `govshare profile set`). Unset: the stored profile is used.
   */
  profileRequested?: boolean;
  cryptoSuite: CryptoSuite;
  networkZone: NetworkZone;
  bodyLimitBytes: number;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number };
  apiToken: { ttlSeconds: number };
  oidc: OidcConfig | undefined;
  logLevel: LogLevel;
  /** Which HTTP requests are logged, and from how many milliseconds a request counts as slow. */
  requestLog: { mode: 'off' | 'errors' | 'all'; slowMs: number };
  audit: AuditConfig;
  /** Largest catalog filing (xlsx/CSV) accepted for import, in bytes. */
  catalogImportLimitBytes: number;
  /** Bearer token a Prometheus scraper presents at `/api/metrics`; absent: only signed-in staff. */
  metricsToken: string | undefined;
  /** Notice e-mail: the SMTP server (`smtp://user:pass@host:587`, `smtps://…`) and the sender; absent: no e-mail. */
  smtp: { url: string; from: string } | undefined;
  exchange: ExchangeConfig;
}

/** The exchange's limits (issue 6): rates, proxied services, pushes, uploads. */
export interface ExchangeConfig {
  /** Reads a minute one grant may make (online query, download, interface, pull). */
  ratePerGrantPerMinute: number;
  /** Reads a minute one API client or user may make, whatever the grant. */
  ratePerClientPerMinute: number;
  /** A provider's registered service must answer within this many milliseconds. */
  serviceTimeoutMs: number;
  /** Largest response of a provider's service the gateway passes on, in bytes. */
  serviceMaxBytes: number;
  /** First retry of a failed push after this many milliseconds, doubling each time. */
  pushRetryBaseMs: number;
  /** A push subscription goes to the dead-letter view after this many failures in a row. */
  pushMaxAttempts: number;
  /** Largest data upload (CSV, xlsx, NDJSON), in bytes. */
  uploadLimitBytes: number;
  /**
   * How long the key query keeps a hosted resource and an allowing grant answer, in ms (refusals
   * are never kept): a suspension or revocation reaches the query within this time. 0: off.
   */
  readCacheMs: number;
  /**
   * Networks (CIDR) where providers' services may live although they are loopback, private or
   * link-local addresses, e.g. the e-government extranet. Everything else non-public is refused.
   */
  serviceAllowedNetworks: string[];
}

/** The audit trail's tunables; retention may only lengthen the profile's period. */
export interface AuditConfig {
  /** Sign a checkpoint after this many entries… */
  checkpointEntries: number;
  /** …or after this many seconds with unsigned entries. */
  checkpointSeconds: number;
  /** Months in the live store before archiving; absent: the profile's period. */
  retentionMonths: number | undefined;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Label on the portal's SSO button, e.g. 统一身份认证. */
  label: string;
  /** Which ID-token claim names the govshare username. */
  usernameClaim: string;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`环境变量 ${name} 必须是非负整数 / ${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw as T)) {
    throw new Error(`环境变量 ${name} 取值无效 / ${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function secret(env: NodeJS.ProcessEnv, name: string, minLength: number): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (raw.length < minLength)
    throw new Error(
      `环境变量 ${name} 至少 ${minLength} 个字符 / ${name} must be at least ${minLength} characters`,
    );
  return raw;
}

/** A comma-separated list of CIDR networks (a bare address is a network of one). */
function networks(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const network of list)
    if (!ipaddr.isValidCIDR(network) && !ipaddr.isValid(network))
      throw new Error(
        `环境变量 ${name} 须为逗号分隔的 CIDR 网段 / ${name} must list CIDR networks, got "${network}"`,
      );
  return list;
}

/** Reads the configuration from environment variables (documented in README). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<PlatformConfig> = {},
): PlatformConfig {
  const port = int(env, 'GOVSHARE_PORT', 8080);
  const host = env.GOVSHARE_HOST ?? '127.0.0.1';
  const oidcIssuer = env.GOVSHARE_OIDC_ISSUER;
  const config: PlatformConfig = {
    dataDir: resolve(env.GOVSHARE_DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    host,
    port,
    publicUrl: env.GOVSHARE_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
    profile: env.GOVSHARE_PROFILE || 'national',
    profileRequested: Boolean(env.GOVSHARE_PROFILE),
    cryptoSuite: oneOf(env, 'GOVSHARE_CRYPTO', ['sm', 'intl'] as const, 'sm'),
    networkZone: oneOf(env, 'GOVSHARE_NETWORK_ZONE', ['external', 'internal'] as const, 'external'),
    bodyLimitBytes: int(env, 'GOVSHARE_BODY_LIMIT', 1024 * 1024),
    session: {
      idleMinutes: int(env, 'GOVSHARE_SESSION_IDLE_MINUTES', 30),
      absoluteHours: int(env, 'GOVSHARE_SESSION_MAX_HOURS', 12),
    },
    login: {
      maxFailures: int(env, 'GOVSHARE_LOGIN_MAX_FAILURES', 5),
      lockMinutes: int(env, 'GOVSHARE_LOGIN_LOCK_MINUTES', 30),
    },
    apiToken: { ttlSeconds: int(env, 'GOVSHARE_API_TOKEN_TTL', 900) },
    oidc: oidcIssuer
      ? {
          issuer: oidcIssuer,
          clientId: env.GOVSHARE_OIDC_CLIENT_ID ?? '',
          clientSecret: env.GOVSHARE_OIDC_CLIENT_SECRET ?? '',
          label: env.GOVSHARE_OIDC_LABEL ?? '统一身份认证登录',
          usernameClaim: env.GOVSHARE_OIDC_USERNAME_CLAIM ?? 'preferred_username',
        }
      : undefined,
    logLevel: oneOf(env, 'GOVSHARE_LOG_LEVEL', LOG_LEVELS, 'info'),
    requestLog: {
      mode: oneOf(env, 'GOVSHARE_REQUEST_LOG', ['off', 'errors', 'all'] as const, 'errors'),
      slowMs: int(env, 'GOVSHARE_REQUEST_LOG_SLOW_MS', 1000),
    },
    audit: {
      checkpointEntries: Math.max(1, int(env, 'GOVSHARE_AUDIT_CHECKPOINT_ENTRIES', 10_000)),
      checkpointSeconds: Math.max(1, int(env, 'GOVSHARE_AUDIT_CHECKPOINT_SECONDS', 60)),
      retentionMonths: env.GOVSHARE_AUDIT_RETENTION_MONTHS
        ? int(env, 'GOVSHARE_AUDIT_RETENTION_MONTHS', 0)
        : undefined,
    },
    catalogImportLimitBytes: Math.max(1, int(env, 'GOVSHARE_CATALOG_IMPORT_LIMIT', 20 * 1024 * 1024)),
    metricsToken: secret(env, 'GOVSHARE_METRICS_TOKEN', 16),
    smtp: env.GOVSHARE_SMTP_URL
      ? { url: env.GOVSHARE_SMTP_URL, from: env.GOVSHARE_SMTP_FROM ?? 'govshare@localhost' }
      : undefined,
    exchange: {
      ratePerGrantPerMinute: Math.max(1, int(env, 'GOVSHARE_EXCHANGE_RATE_PER_GRANT', 6000)),
      ratePerClientPerMinute: Math.max(1, int(env, 'GOVSHARE_EXCHANGE_RATE_PER_CLIENT', 12000)),
      serviceTimeoutMs: Math.max(100, int(env, 'GOVSHARE_EXCHANGE_SERVICE_TIMEOUT_MS', 10_000)),
      serviceMaxBytes: Math.max(1024, int(env, 'GOVSHARE_EXCHANGE_SERVICE_MAX_BYTES', 10 * 1024 * 1024)),
      pushRetryBaseMs: Math.max(10, int(env, 'GOVSHARE_EXCHANGE_PUSH_RETRY_MS', 2000)),
      pushMaxAttempts: Math.max(1, int(env, 'GOVSHARE_EXCHANGE_PUSH_MAX_ATTEMPTS', 10)),
      uploadLimitBytes: Math.max(1, int(env, 'GOVSHARE_EXCHANGE_UPLOAD_LIMIT', 10 * 1024 * 1024 * 1024)),
      readCacheMs: int(env, 'GOVSHARE_EXCHANGE_READ_CACHE_MS', 1000),
      serviceAllowedNetworks: networks(env, 'GOVSHARE_EXCHANGE_SERVICE_ALLOWED_NETWORKS'),
    },
    ...overrides,
  };
  return config;
}

export function ensureDataDir(config: PlatformConfig): void {
  if (!existsSync(config.dataDir)) mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
}
