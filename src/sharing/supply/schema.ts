import type { SharingGrantTable } from '../schema.js';

/**
 * N12 (809 第二十二条第一款): the supply obligation a grant carries, kept on the grant's own row so
 * that the exchange's grant check reads it with the grant and a met obligation costs a read nothing.
 */
export interface GrantSupplyColumns {
  /** 1 once the obligation was opened (a grant made before N12 has none). */
  supply_required: number;
  supply_deadline_id: string | null;
  /** Null where the profile sets no supply period. */
  supply_due_date: string | null;
  /** The article with the profile's text, or the text saying there is no period. */
  supply_article: string | null;
  /** The first successful delivery under the grant; written once. */
  supplied_at: string | null;
  /** 1 once the due date passed without a delivery; stays 1 when supplied late. */
  supply_overdue: number;
  supply_overdue_at: string | null;
}

export type GrantSupplyRow = SharingGrantTable & GrantSupplyColumns;

export interface SupplyTables {
  sharing_grant: GrantSupplyRow;
}
