import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requestContext } from '../../org/index.js';
import { errorResponses } from '../../platform/http/index.js';
import type { AccessReports } from '../report.js';
import { DepartmentReportSchema, IdNumber, PersonReportSchema, TimeRangeFields } from './schemas.js';

const TAGS = ['audit'];

/** A department's access report and a person's access report (R85, R88). */
export const reportRoutes =
  (deps: { reports: AccessReports }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/audit/reports/department/:id',
      {
        schema: {
          tags: TAGS,
          summary:
            '部门访问报告：谁读取了本部门的资源，本部门读取了什么（默认近 30 天） / A department’s access report (default: last 30 days)',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
          querystring: Type.Object(TimeRangeFields, { additionalProperties: false }),
          response: {
            200: DepartmentReportSchema,
            ...errorResponses('ORG_DEPARTMENT_NOT_FOUND', 'AUDIT_TIME_RANGE_INVALID'),
          },
        },
      },
      async (request) =>
        deps.reports.departmentAccessReport(requestContext(request), request.params.id, request.query),
    );

    app.post(
      '/api/v1/audit/reports/person',
      {
        schema: {
          tags: TAGS,
          summary:
            '个人访问报告：谁在何时因何读取了此人的记录（号码只在请求体中） / Who read a person’s records, when and why (ID in the body only)',
          body: Type.Object({ idNumber: IdNumber, ...TimeRangeFields }, { additionalProperties: false }),
          response: {
            200: PersonReportSchema,
            ...errorResponses('IDENTIFIER_INVALID', 'AUDIT_TIME_RANGE_INVALID'),
          },
        },
      },
      async (request) => {
        const { idNumber, ...range } = request.body;
        return deps.reports.personAccessReport(requestContext(request), idNumber, range);
      },
    );
  };
