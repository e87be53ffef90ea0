import { type TSchema, Type } from '@sinclair/typebox';

/** An object schema that refuses properties it does not name. */
export const strict = { additionalProperties: false } as const;

/** A union of string literals that keeps its static type (a mapped union would widen to string). */
export const literals = <const T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );

/** A record's id in a path or a body. */
export const Id = Type.String({ minLength: 1, maxLength: 64 });

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A deadline as every answer carries it (`deadlineView` in platform/calendar makes one). */
export const DeadlineSchema = Type.Object(
  {
    dueDate: Type.String({ format: 'date', description: '截止日期 / due date' }),
    article: Nullable(Type.String({ description: '期限依据条款 / the article setting the period' })),
    workingDaysLeft: Nullable(
      Type.Integer({
        description:
          '剩余工作日，逾期为负；已办结则为 null / working days left, negative once overdue; null once decided',
      }),
    ),
    provisional: Type.Boolean({
      description: '期限所在年度节假日安排未发布（暂定）/ the year’s holiday notice is not loaded yet',
    }),
  },
  { description: '期限 / deadline' },
);
