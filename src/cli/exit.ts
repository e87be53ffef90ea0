/**
 * Exit codes: 0 done; 1 unexpected failure; 2 bad usage or input; 3 storage unavailable or newer
 * than this govshare; 4 the thing named does not exist; 5 a backup, what it restores or the
 * database failed a check (digest, storage integrity, audit chain); 6 the master key is missing or
 * not this database's.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, storage: 3, notFound: 4, damaged: 5, key: 6 } as const;
