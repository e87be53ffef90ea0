import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../platform/http/index.js';
import { auditContext } from '../auth/hook.js';
import { actorOf } from '../auth/request.js';
import type { DepartmentService } from '../departments.js';
import { Id, IdParams, Paging } from './schemas.js';

const Text = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });

const RosterSchema = Type.Object({
  office: Type.Object({ name: Type.String(), phone: Type.String(), email: Type.String() }),
  head: Type.Object({
    userId: Type.Union([Type.String(), Type.Null()], { description: '负责人账号；无账号时为 null' }),
    name: Type.String(),
    title: Type.String(),
  }),
  officer: Type.Object({ userId: Type.String(), name: Type.String() }),
});

const DepartmentOfficeSchema = Type.Object({
  departmentId: Type.String(),
  roster: Type.Union([RosterSchema, Type.Null()], { description: '尚未登记时为 null / null until recorded' }),
  confirmedAt: Type.Union([Type.String(), Type.Null()]),
  stale: Type.Boolean({
    description: '超过 staleAfterDays 天未确认 / not confirmed for staleAfterDays days',
  }),
  staleAfterDays: Type.Integer(),
  canManage: Type.Boolean(),
});

const OfficeField = Type.Union(
  ['officeName', 'officePhone', 'officeEmail', 'head', 'headTitle', 'officer'].map((f) => Type.Literal(f)),
);

const OfficeChangeSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('set'), Type.Literal('confirm')]),
  at: Type.String(),
  by: Type.Object({
    id: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
  }),
  before: Type.Union([RosterSchema, Type.Null()]),
  after: RosterSchema,
  changed: Type.Array(OfficeField),
});

/** N01, R126, R128: a department's sharing office (共享工作机构), head (负责人) and officer (共享工作专人). */
export const departmentOfficeRoutes =
  (deps: { departments: DepartmentService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const offices = deps.departments.offices;
    const context = (request: Parameters<typeof actorOf>[0]) => ({
      ...auditContext(request),
      actor: actorOf(request),
    });

    app.get(
      '/api/v1/departments/:id/office',
      {
        schema: {
          tags: ['org'],
          summary:
            '部门政务数据共享工作机构、负责人与共享工作专人 / A department’s sharing office, head and officer',
          params: IdParams,
          response: { 200: DepartmentOfficeSchema, ...errorResponses('ORG_DEPARTMENT_NOT_FOUND') },
        },
      },
      async (request) => offices.get(context(request), request.params.id),
    );

    app.put(
      '/api/v1/departments/:id/office',
      {
        schema: {
          tags: ['org'],
          summary: '登记或变更共享工作机构、负责人与共享工作专人 / Record or change them',
          description:
            '负责人为本部门账号时填 headUserId，无账号时填 headName；共享工作专人须为本部门在用账号。' +
            ' / Give headUserId for a head with an account of the department, headName otherwise; the officer is an active account of the department.',
          params: IdParams,
          body: Type.Object(
            {
              officeName: Text('共享工作机构名称'),
              officePhone: Type.String({
                pattern: '^\\s*\\+?[0-9][0-9 -]{3,18}[0-9]\\s*$',
                description: '联系电话',
              }),
              officeEmail: Type.String({ format: 'email', maxLength: 100, description: '电子邮箱' }),
              headUserId: Type.Optional(Type.Union([Id, Type.Null()])),
              headName: Type.Optional(Type.Union([Text('负责人姓名（无账号时）'), Type.Null()])),
              headTitle: Text('负责人职务'),
              officerUserId: Id,
            },
            { additionalProperties: false },
          ),
          response: {
            200: DepartmentOfficeSchema,
            ...errorResponses('ORG_DEPARTMENT_NOT_FOUND', 'ORG_OFFICE_MEMBER_INVALID'),
          },
        },
      },
      async (request) => offices.set(context(request), request.params.id, request.body),
    );

    app.post(
      '/api/v1/departments/:id/office/confirm',
      {
        schema: {
          tags: ['org'],
          summary: '确认共享工作机构信息仍然有效 / Confirm the contacts are current',
          params: IdParams,
          response: {
            200: DepartmentOfficeSchema,
            ...errorResponses('ORG_DEPARTMENT_NOT_FOUND', 'ORG_OFFICE_NOT_RECORDED'),
          },
        },
      },
      async (request) => offices.confirm(context(request), request.params.id),
    );

    app.get(
      '/api/v1/departments/:id/office/history',
      {
        schema: {
          tags: ['org'],
          summary: '共享工作机构变更记录（新的在前） / Change history, newest first',
          params: IdParams,
          querystring: Type.Object(Paging, { additionalProperties: false }),
          response: {
            200: Type.Object({ items: Type.Array(OfficeChangeSchema), total: Type.Integer() }),
            ...errorResponses('ORG_DEPARTMENT_NOT_FOUND'),
          },
        },
      },
      async (request) => offices.history(context(request), request.params.id, request.query),
    );
  };
