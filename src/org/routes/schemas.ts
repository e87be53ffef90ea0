import { Type } from '@sinclair/typebox';
import { ROLES } from '../roles.js';

export const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: '角色 / role' },
);
export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const IdParams = Type.Object({ id: Id });
export const Paging = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
};

export const MeSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  department: Type.Object({ id: Type.String(), name: Type.String() }),
  jurisdiction: Type.Object({ id: Type.String(), name: Type.String(), level: Type.String() }),
  roles: Type.Array(RoleSchema),
  totpEnabled: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});

export const SignInStateSchema = Type.Object({
  stage: Type.Union([
    Type.Literal('done'),
    Type.Literal('password_change'),
    Type.Literal('totp_enrol'),
    Type.Literal('totp_verify'),
  ]),
  me: Type.Optional(MeSchema),
});

export const JurisdictionSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('county')]),
  parentId: Type.Union([Type.String(), Type.Null()]),
  path: Type.String(),
});

export const DepartmentKindSchema = Type.Union([
  Type.Literal('government'),
  Type.Literal('institution'),
  Type.Literal('social_org'),
  Type.Literal('utility'),
]);

export const DepartmentSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  uscc: Type.String(),
  jurisdictionId: Type.String(),
  jurisdictionName: Type.String(),
  kind: DepartmentKindSchema,
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(RoleSchema),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  locked: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export const ApiClientSchema = Type.Object({
  id: Type.String(),
  clientId: Type.String(),
  name: Type.String(),
  departmentId: Type.String(),
  departmentName: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('revoked')]),
  createdAt: Type.String(),
  rotatedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  suspendedAt: Type.Union([Type.String(), Type.Null()]),
});
