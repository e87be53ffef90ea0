import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { errorResponses, Id, literals, Nullable, strict } from '../../platform/http/index.js';
import { ALERT_KINDS } from './schema.js';
import type { AlertService } from './service.js';
import { ALERT_THRESHOLD_NAMES, ALERT_THRESHOLDS } from './settings.js';

const API = '/api/v1/supervision/alerts';
const tags = ['supervision'];

const Label = Type.Object({ zh: Type.String(), en: Type.String() });
const Kind = literals(ALERT_KINDS, '告警类型 / alert kind');
const Status = literals(['open', 'acknowledged'] as const, '状态 / status');
const SubjectKind = literals(['user', 'client'] as const, '对象类型 / subject kind');
const By = Type.Object({ id: Type.String(), name: Type.String() });

const Alert = Type.Object({
  id: Type.String(),
  kind: Kind,
  kindLabel: Label,
  subjectKindLabel: Label,
  subject: Type.Object({
    kind: SubjectKind,
    id: Type.String(),
    name: Type.String(),
    label: Nullable(Type.String()),
    departmentId: Nullable(Type.String()),
    departmentName: Nullable(Type.String()),
  }),
  windowFrom: Type.String({ format: 'date-time' }),
  windowTo: Type.String({ format: 'date-time' }),
  summary: Label,
  evidence: Type.Object(
    {
      count: Type.Number(),
      sampleEntryIds: Type.Array(Type.String(), { description: '审计日志样例条目 / sample audit entry ids' }),
    },
    { additionalProperties: true, description: '计数、基线、阈值 / counts, baseline, thresholds' },
  ),
  occurrences: Type.Integer(),
  status: Status,
  acknowledged: Nullable(
    Type.Object({ by: By, at: Type.String({ format: 'date-time' }), note: Nullable(Type.String()) }),
  ),
  suspension: literals(['none', 'suspended', 'lifted'] as const, '客户端暂停 / client suspension'),
  suspendedAt: Nullable(Type.String({ format: 'date-time' })),
  lifted: Nullable(Type.Object({ by: By, at: Type.String({ format: 'date-time' }) })),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const thresholdSchemas = Object.fromEntries(
  ALERT_THRESHOLD_NAMES.map((name) => {
    const { min, max } = ALERT_THRESHOLDS[name];
    return [name, Type.Integer({ minimum: min, maximum: max })];
  }),
);
const Values = Type.Object({ ...thresholdSchemas, autoSuspend: Type.Boolean() });
const Bound = Type.Object({ default: Type.Number(), min: Type.Number(), max: Type.Number() });
const SettingsAnswer = Type.Object({
  values: Values,
  bounds: Type.Record(Type.String(), Bound),
});
const SettingsChange = Type.Partial(
  Type.Object({
    ...Object.fromEntries(ALERT_THRESHOLD_NAMES.map((name) => [name, Type.Integer()])),
    autoSuspend: Type.Boolean(),
  }),
  strict,
);

/** The security alerts inbox (issue 17; R65, R89): list, evidence, acknowledge, lift, settings. */
export const alertRoutes =
  (deps: { alerts: AlertService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      API,
      {
        schema: {
          tags,
          summary: '安全告警（访问行为监测）/ Security alerts from the access trail',
          querystring: Type.Object(
            {
              status: Type.Optional(Status),
              kind: Type.Optional(Kind),
              subjectKind: Type.Optional(SubjectKind),
              subjectId: Type.Optional(Id),
              page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
              pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(Alert), total: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.alerts.list(requestContext(request), request.query),
    );

    app.get(
      `${API}/settings`,
      {
        schema: {
          tags,
          summary: '告警阈值与自动暂停设置 / Alert thresholds and automatic suspension',
          response: { 200: SettingsAnswer, ...errorResponses() },
        },
      },
      async (request) => deps.alerts.readSettings(requestContext(request)),
    );

    app.put(
      `${API}/settings`,
      {
        schema: {
          tags,
          summary: '修改告警阈值或自动暂停（平台管理员）/ Change alert thresholds or automatic suspension',
          body: SettingsChange,
          response: {
            200: SettingsAnswer,
            ...errorResponses('ALERT_SETTINGS_INVALID', 'ALERT_WORKING_HOURS_INVALID'),
          },
        },
      },
      async (request) => deps.alerts.updateSettings(requestContext(request), request.body),
    );

    app.get(
      `${API}/:id`,
      {
        schema: {
          tags,
          summary: '安全告警及其证据 / A security alert with its evidence',
          params: Type.Object({ id: Id }, strict),
          response: { 200: Alert, ...errorResponses('ALERT_NOT_FOUND') },
        },
      },
      async (request) => deps.alerts.get(requestContext(request), request.params.id),
    );

    app.post(
      `${API}/:id/acknowledge`,
      {
        schema: {
          tags,
          summary: '确认安全告警 / Acknowledge a security alert',
          params: Type.Object({ id: Id }, strict),
          body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, strict),
          response: { 200: Alert, ...errorResponses('ALERT_NOT_FOUND', 'ALERT_ALREADY_ACKNOWLEDGED') },
        },
      },
      async (request) =>
        deps.alerts.acknowledge(requestContext(request), request.params.id, request.body.note),
    );

    app.post(
      `${API}/:id/lift`,
      {
        schema: {
          tags,
          summary:
            '解除告警对 API 客户端的自动暂停 / Lift the automatic suspension of the alert’s API client',
          params: Type.Object({ id: Id }, strict),
          response: { 200: Alert, ...errorResponses('ALERT_NOT_FOUND', 'ALERT_NOT_SUSPENDED') },
        },
      },
      async (request) => deps.alerts.lift(requestContext(request), request.params.id),
    );
  };
