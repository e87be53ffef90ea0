/** 简体中文 messages of the audit pages, under the `audit.` key; every key has its English twin in audit.en.ts. */
export const auditZhCN = {} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type AuditMessages = Widen<typeof auditZhCN>;
