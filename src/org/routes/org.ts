import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../platform/context/index.js';
import { errorResponses, literals } from '../../platform/http/index.js';
import { auditContext } from '../auth/hook.js';
import { actorOf } from '../auth/request.js';
import { knownActions, policyOf, type Reach } from '../authz/index.js';
import type { DepartmentService } from '../departments.js';
import type { JurisdictionService } from '../jurisdictions.js';
import { ROLE_LABELS, ROLES, SECOND_FACTOR_ROLES, SEPARATED_ROLES } from '../roles.js';
import { departmentOfficeRoutes } from './department-office.js';
import {
  DepartmentKindSchema,
  DepartmentSchema,
  Id,
  IdParams,
  JurisdictionSchema,
  Paging,
  RoleSchema,
} from './schemas.js';

/** How far a permission reaches (authz `Reach`), for the roles answer. */
const REACHES = ['all', 'jurisdiction', 'department', 'self'] as const satisfies readonly Reach[];

export function requestContext(request: FastifyRequest): RequestContext {
  return { ...auditContext(request), actor: actorOf(request) };
}

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Uscc = Type.String({ minLength: 18, maxLength: 18, description: '统一社会信用代码 (GB 32100)' });

export const orgRoutes =
  (deps: { jurisdictions: JurisdictionService; departments: DepartmentService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    await app.register(departmentOfficeRoutes(deps));

    app.get(
      '/api/v1/jurisdictions',
      {
        schema: {
          tags: ['org'],
          summary: '行政区划树 / Jurisdiction tree',
          response: { 200: Type.Object({ items: Type.Array(JurisdictionSchema) }), ...errorResponses() },
        },
      },
      async (request) => ({ items: await deps.jurisdictions.list(requestContext(request)) }),
    );

    app.post(
      '/api/v1/jurisdictions',
      {
        schema: {
          tags: ['org'],
          summary: '新增行政区划 / Create a jurisdiction',
          body: Type.Object(
            {
              code: Type.String({ pattern: '^[0-9]{6}$', description: '6 位行政区划代码' }),
              name: Name,
              level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
              parentId: Type.Optional(Type.Union([Id, Type.Null()])),
            },
            { additionalProperties: false },
          ),
          response: {
            201: JurisdictionSchema,
            ...errorResponses(
              'ORG_JURISDICTION_CODE_INVALID',
              'ORG_JURISDICTION_LEVEL_INVALID',
              'ORG_JURISDICTION_EXISTS',
              'ORG_JURISDICTION_NOT_FOUND',
            ),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.jurisdictions.create(requestContext(request), request.body)),
    );

    app.patch(
      '/api/v1/jurisdictions/:id',
      {
        schema: {
          tags: ['org'],
          summary: '修改行政区划名称 / Rename a jurisdiction',
          params: IdParams,
          body: Type.Object({ name: Name }, { additionalProperties: false }),
          response: { 200: JurisdictionSchema, ...errorResponses('ORG_JURISDICTION_NOT_FOUND') },
        },
      },
      async (request) =>
        deps.jurisdictions.rename(requestContext(request), request.params.id, request.body.name),
    );

    app.get(
      '/api/v1/departments',
      {
        schema: {
          tags: ['org'],
          summary: '部门列表 / Departments',
          querystring: Type.Object(
            {
              jurisdictionId: Type.Optional(Id),
              q: Type.Optional(Type.String({ maxLength: 100 })),
              ...Paging,
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ items: Type.Array(DepartmentSchema), total: Type.Integer() }),
            ...errorResponses(),
          },
        },
      },
      async (request) => deps.departments.list(requestContext(request), request.query),
    );

    app.get(
      '/api/v1/departments/:id',
      {
        schema: {
          tags: ['org'],
          summary: '部门详情及其信息资源管理员 / A department and its resource administrators',
          params: IdParams,
          response: {
            200: Type.Composite([
              DepartmentSchema,
              Type.Object({
                resourceAdmins: Type.Array(
                  Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
                ),
              }),
            ]),
            ...errorResponses('ORG_DEPARTMENT_NOT_FOUND'),
          },
        },
      },
      async (request) => {
        const { jurisdictionPath: _, ...department } = await deps.departments.get(
          requestContext(request),
          request.params.id,
        );
        return { ...department, resourceAdmins: await deps.departments.resourceAdmins(department.id) };
      },
    );

    const DepartmentBody = {
      name: Name,
      shortName: Type.String({ minLength: 1, maxLength: 30 }),
      uscc: Uscc,
      jurisdictionId: Id,
      kind: DepartmentKindSchema,
    };

    app.post(
      '/api/v1/departments',
      {
        schema: {
          tags: ['org'],
          summary: '新增部门 / Create a department',
          body: Type.Object(DepartmentBody, { additionalProperties: false }),
          response: {
            201: DepartmentSchema,
            ...errorResponses('ORG_USCC_INVALID', 'ORG_DEPARTMENT_EXISTS', 'ORG_JURISDICTION_NOT_FOUND'),
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await deps.departments.create(requestContext(request), request.body)),
    );

    app.patch(
      '/api/v1/departments/:id',
      {
        schema: {
          tags: ['org'],
          summary: '修改部门 / Update a department',
          params: IdParams,
          body: Type.Object(
            {
              name: Type.Optional(DepartmentBody.name),
              shortName: Type.Optional(DepartmentBody.shortName),
              uscc: Type.Optional(Uscc),
              kind: Type.Optional(DepartmentKindSchema),
              status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
            },
            { additionalProperties: false, minProperties: 1 },
          ),
          response: {
            200: DepartmentSchema,
            ...errorResponses('ORG_DEPARTMENT_NOT_FOUND', 'ORG_USCC_INVALID', 'ORG_DEPARTMENT_EXISTS'),
          },
        },
      },
      async (request) => deps.departments.update(requestContext(request), request.params.id, request.body),
    );

    app.get(
      '/api/v1/roles',
      {
        schema: {
          tags: ['org'],
          summary: '角色与权限矩阵 / Roles and their permissions',
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  role: RoleSchema,
                  label: Type.Object({ zh: Type.String(), en: Type.String() }),
                  separated: Type.Boolean(),
                  requiresTotp: Type.Boolean(),
                  permissions: Type.Array(
                    Type.Object({
                      action: Type.String(),
                      reach: literals(
                        REACHES,
                        '范围：全部 / 本辖区 / 本部门 / 本人 — how far the role may act',
                      ),
                    }),
                  ),
                }),
              ),
            }),
            ...errorResponses(),
          },
        },
      },
      async (request) => {
        actorOf(request);
        const actions = knownActions();
        return {
          items: ROLES.map((role) => ({
            role,
            label: ROLE_LABELS[role],
            separated: SEPARATED_ROLES.includes(role),
            requiresTotp: SECOND_FACTOR_ROLES.includes(role),
            permissions: actions
              .map((action) => ({ action, reach: policyOf(action)[role] }))
              .filter(
                (p): p is { action: string; reach: NonNullable<typeof p.reach> } => p.reach !== undefined,
              ),
          })),
        };
      },
    );
  };
