/** A module's messages as the other language must give them: the same keys, any text. */
export type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
