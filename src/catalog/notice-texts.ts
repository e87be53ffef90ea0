import { defineTexts } from '../platform/messages/index.js';

/**
 * How the catalog names its overdue items when they are escalated to a department's
 * sharing-office head (N01/R128), the provider's or, for a review it owes, the authority's (N06);
 * the escalation notice itself is the inbox's (sharing).
 */
export const CatalogTexts = defineTexts({
  obligationOverdue: {
    zh: '目录更新义务（{description}）',
    en: 'catalog update obligation ({description})',
  },
  reviewOverdue: {
    zh: '目录审核（{code} {name}，第{version}版）',
    en: 'review of catalog entry {code} {name}, version {version}',
  },
});
