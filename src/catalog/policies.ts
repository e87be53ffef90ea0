import { definePolicies, EVERY_ROLE } from '../org/index.js';

/**
 * Who may do what with the catalog. Providers (resource administrators) keep their own
 * department's catalog; the competent authority ratifies (核定, R21) and approves reductions
 * within its jurisdiction (R11); everyone may read what is published (R03).
 */
export const CatalogActions = definePolicies({
  /** Published entries; `catalogVisibilityFilter` narrows what is not yet published. */
  'catalog.read': EVERY_ROLE,
  'catalog.readUnpublished': { resource_admin: 'department', authority: 'jurisdiction' },
  /** Create, edit a draft, submit, publish, request withdrawal, import. */
  'catalog.manage': { resource_admin: 'department' },
  /** Ratify or return a submission, approve or reject a reduction. */
  'catalog.ratify': { authority: 'jurisdiction' },
  'catalog.obligation.manage': { authority: 'jurisdiction', operator: 'all' },
  'catalog.obligation.read': { authority: 'jurisdiction', operator: 'all', resource_admin: 'department' },
  'catalog.edition.compile': { authority: 'all', operator: 'all' },
  'catalog.edition.read': EVERY_ROLE,
  'catalog.export': EVERY_ROLE,
});
