import type { SignatureAlgorithm } from '../platform/crypto/index.js';

export type SealStatus = 'active' | 'retired' | 'revoked';

/** One department seal: a key pair under a registered name, its private part sealed with the master key. */
export interface SealKeyTable {
  key_id: string;
  department_id: string;
  department_name: string;
  jurisdiction_path: string;
  seal_name: string;
  algorithm: SignatureAlgorithm;
  public_key_pem: string;
  private_key_sealed: string;
  valid_from: string;
  valid_to: string;
  status: SealStatus;
  issued_at: string;
  issued_by: string;
  /** Rotation: when it stopped signing and the seal that took over. */
  retired_at: string | null;
  replaced_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface SealTables {
  seal_key: SealKeyTable;
}
