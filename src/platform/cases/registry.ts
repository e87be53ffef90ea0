import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TObject, type TSchema, Type } from '@sinclair/typebox';
import { errorResponses } from '../http/errors.js';
import type { Label } from './declare.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The platform's case types, where the composition root decorated the server with them. */
    caseTypes?: CaseTypeRegistry;
  }
}

/** One input of a step as the portal's step dialog asks for it. */
export interface StepFieldDescription {
  name: string;
  label: Label;
  required: boolean;
  maxLength?: number;
  /** A choice among a few values instead of free text. */
  choices?: { value: string; label: Label }[];
  /** The choices are numbers (a period in working days): the route takes the chosen value as a number. */
  numeric?: boolean;
}

/** A case type as the portal needs it to show any case of that type without a page of its own. */
export interface CaseTypeDescription {
  type: string;
  /** The API collection (`/api/v1/sharing/stops`); a case is `GET <api>/<id>`. */
  api: string;
  statuses: Record<string, Label>;
  /** Each step: its button, URL segment, inputs, and the states it is open from (a state no step leaves is final). */
  actions: Record<
    string,
    { label: Label; path: string; fields: StepFieldDescription[]; danger: boolean; from: string[] }
  >;
  /** Fields of a case shown in its summary, in order: a key of the case's JSON and its label. */
  summary: { key: string; label: Label }[];
  /** What each timeline action is called (the opening and every step). */
  events: Record<string, Label>;
  /** The statutory periods the case runs against, with the profile fields that set them. */
  deadlines: { label: Label; profileFields: string[]; runsIn: string[] }[];
}

/** Words for the inputs steps commonly take; a body property's own `description` ("中文 / English") wins. */
const COMMON_FIELDS: Record<string, Label> = {
  reason: { zh: '理由', en: 'Reason' },
  note: { zh: '说明', en: 'Note' },
  text: { zh: '内容', en: 'Text' },
  reply: { zh: '书面答复', en: 'Written answer' },
  comment: { zh: '意见', en: 'Comment' },
  decision: { zh: '决定', en: 'Decision' },
  outcome: { zh: '处理结果', en: 'Outcome' },
  items: { zh: '信息项', en: 'Information items' },
  share: { zh: '是否共享', en: 'Share' },
  upheld: { zh: '投诉成立', en: 'Upheld' },
  not_upheld: { zh: '投诉不成立', en: 'Not upheld' },
};

function labelOf(name: string, schema: TSchema): Label {
  const description = typeof schema.description === 'string' ? schema.description : undefined;
  if (description?.includes(' / ')) {
    const [zh, en] = description.split(' / ', 2) as [string, string];
    return { zh, en };
  }
  return COMMON_FIELDS[name] ?? { zh: description ?? name, en: name };
}

/** The inputs of a step, read off its body schema: names, whether required, limits, choices. */
export function describeBody(body: TObject): StepFieldDescription[] {
  const required = new Set(body.required ?? []);
  return Object.entries(body.properties).map(([name, schema]) => {
    const field: StepFieldDescription = { name, label: labelOf(name, schema), required: required.has(name) };
    if (typeof schema.maxLength === 'number') field.maxLength = schema.maxLength;
    const literals = (schema.anyOf as TSchema[] | undefined)?.filter((s) => s.const !== undefined);
    if (literals && literals.length > 0)
      field.choices = literals.map((s) => ({
        value: String(s.const),
        label: labelOf(String(s.const), s),
      }));
    if (literals && literals.length > 0 && literals.every((s) => typeof s.const === 'number'))
      field.numeric = true;
    return field;
  });
}

/**
 * The case types the platform runs, as `caseStepRoutes` registers them, and the route that
 * lists them for the portal (`GET /api/v1/cases/types`): the portal's one case page shows a case
 * of any type from its description — header, state, timeline and step dialogs.
 */
export class CaseTypeRegistry {
  readonly #types = new Map<string, CaseTypeDescription>();

  add(description: CaseTypeDescription): void {
    if (this.#types.has(description.type)) throw new Error(`case type ${description.type} registered twice`);
    this.#types.set(description.type, description);
  }

  list(): CaseTypeDescription[] {
    return [...this.#types.values()].sort((a, b) => a.type.localeCompare(b.type));
  }
}

const LabelSchema = Type.Object({ zh: Type.String(), en: Type.String() });
const FieldSchema = Type.Object({
  name: Type.String(),
  label: LabelSchema,
  required: Type.Boolean(),
  maxLength: Type.Optional(Type.Integer()),
  choices: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: LabelSchema }))),
  numeric: Type.Optional(Type.Boolean()),
});
const DescriptionSchema = Type.Object({
  type: Type.String(),
  api: Type.String(),
  statuses: Type.Record(Type.String(), LabelSchema),
  actions: Type.Record(
    Type.String(),
    Type.Object({
      label: LabelSchema,
      path: Type.String(),
      fields: Type.Array(FieldSchema),
      danger: Type.Boolean(),
      from: Type.Array(Type.String()),
    }),
  ),
  summary: Type.Array(Type.Object({ key: Type.String(), label: LabelSchema })),
  events: Type.Record(Type.String(), LabelSchema),
  deadlines: Type.Array(
    Type.Object({
      label: LabelSchema,
      profileFields: Type.Array(Type.String()),
      runsIn: Type.Array(Type.String()),
    }),
  ),
});

/** `GET /api/v1/cases/types`: every signed-in user may read what the case types are (not any case). */
export const caseTypeRoutes =
  (registry: CaseTypeRegistry): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/api/v1/cases/types',
      {
        schema: {
          tags: ['platform'],
          summary: '办件类型（状态、步骤及其填写项）/ Case types: states, steps and their inputs',
          response: { 200: Type.Object({ items: Type.Array(DescriptionSchema) }), ...errorResponses() },
        },
      },
      async () => ({ items: registry.list() }),
    );
  };
