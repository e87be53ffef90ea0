export { ApiClientService } from './api-clients.js';
export { auditContext, registerAuthentication } from './auth/hook.js';
export { oidcRoutes } from './auth/oidc.js';
export { actorOf } from './auth/request.js';
export { AuthService } from './auth/service.js';
export { SessionStore } from './auth/sessions.js';
export { authorize, definePolicies, EVERY_ROLE, isAllowed, type Scope, scopeOf } from './authz/index.js';
export type { DepartmentOffice, OfficeChange, OfficeRoster } from './department-office.js';
export { type Accountable, DepartmentService } from './departments.js';
export { dualControlRoutes } from './dual-control/index.js';
export { OrgErrors } from './errors.js';
export {
  type AccountableLookup,
  type HeadReach,
  headReach,
  headSigner,
  isHeadOrOfficer,
} from './head-signing.js';
export { JurisdictionService } from './jurisdictions.js';
export { departmentByNameOrUscc, departmentIdsByName, hasAccounts, jurisdictionByCode } from './lookup.js';
export { orgMigrations } from './migrations.js';
export { isRole, ROLES, type Role } from './roles.js';
export { authRoutes } from './routes/auth.js';
export { orgRoutes, requestContext } from './routes/org.js';
export { securityRoutes } from './routes/security.js';
export { userRoutes } from './routes/users.js';
export type { DepartmentKind, JurisdictionLevel, OrgTables } from './schema.js';
export { type ScopeColumns, scopeWhere } from './scope-filter.js';
export {
  AccountSecurityService,
  type SignInFailureSource,
  type SignInFailures,
} from './security-overview.js';
export { UserService, userEmail } from './users.js';
