import { type Static, type TSchema, Type } from '@sinclair/typebox';

/**
 * The jurisdiction profile (R133): every number and rule that differs between the regulations,
 * each with the article it comes from. `article` is null only where the text says nothing (NS);
 * `value` is null where the text sets no number ("timely", NS).
 */
const Text = Type.String({ minLength: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const ProfileId = Type.String({ pattern: '^[a-z][a-z0-9-]*$' });
/**
 * Set only in an effective profile (effective.ts): the profile this value comes from, the local
 * one or the national one (R123). Profile files leave it out.
 */
const Source = Type.Optional(ProfileId);

/** A value with its citation: `article` ("Art.19", "§3(5) pt4") and the text it comes from. */
function Cited<T extends TSchema>(value: T) {
  return Type.Object(
    {
      value,
      article: Type.Union([Text, Type.Null()]),
      text: Text,
      note: Type.Optional(Text),
      source: Source,
    },
    { additionalProperties: false },
  );
}

const Qualifier = Type.Union([
  Type.Literal('fixed'),
  Type.Literal('timely'),
  Type.Literal('immediate'),
  Type.Literal('not_specified'),
  Type.Literal('not_applicable'),
]);

/** A statutory period: `value` null unless `qualifier` is fixed. */
export const Period = Type.Object(
  {
    value: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    unit: Type.Union([Type.Literal('working_days'), Type.Literal('calendar_days')]),
    qualifier: Qualifier,
    article: Type.Union([Text, Type.Null()]),
    text: Text,
    note: Type.Optional(Text),
    source: Source,
  },
  { additionalProperties: false },
);

/** A period only the national regulation sets; a local profile leaves it out where its text is silent. */
const NationalPeriod = Type.Optional(Period);

const Enum = <const T extends string[]>(...values: T) => Type.Union(values.map((v) => Type.Literal(v)));

const ShareType = Enum('unconditional', 'conditional', 'not_shared');
const LegalBasisType = Enum(
  'law',
  'regulation',
  'administrative_regulation',
  'rule',
  'central_policy',
  'policy',
  'other',
);
const BaseResource = Enum(
  'population',
  'legal_person',
  'natural_resources_geography',
  'macro_economy',
  'social_credit',
  'e_licence',
  'real_estate',
);
const Feature = Cited(Type.Boolean());

const strict = { additionalProperties: false } as const;

/**
 * How an effective value was chosen (R123, effective.ts): `local_stricter`, `local_specific`,
 * `same` (the local value equals the national one), `national_silent` and `both_silent` keep the
 * local value; `local_absent`, `local_silent` and `local_weaker` take the national one (the last two override a local value);
 * `national_base` is the national profile itself.
 */
export const EffectiveOutcome = Enum(
  'national_base',
  'local_stricter',
  'local_specific',
  'national_silent',
  'both_silent',
  'same',
  'local_absent',
  'local_silent',
  'local_weaker',
);

/** One side of a comparison: the value as its profile states it, with its article. */
const EffectiveSide = Type.Object(
  {
    value: Type.Unknown(),
    unit: Type.Optional(Text),
    qualifier: Type.Optional(Text),
    semantics: Type.Optional(Type.Union([Text, Type.Null()])),
    article: Type.Union([Text, Type.Null()]),
    text: Text,
  },
  strict,
);

export const EffectiveEntry = Type.Object(
  {
    /** JSON pointer of the value in the profile, e.g. `/deadlines/reply`. */
    path: Text,
    source: ProfileId,
    outcome: EffectiveOutcome,
    /** A local value was set aside for the national one (silent or weaker). */
    overridden: Type.Boolean(),
    local: Type.Optional(EffectiveSide),
    national: Type.Optional(EffectiveSide),
  },
  strict,
);

/** Present only on an effective profile: what it was built from and how each value was chosen. */
export const EffectiveBlock = Type.Object(
  {
    local: ProfileId,
    national: ProfileId,
    /** The national instrument, e.g. 政务数据共享条例（国务院令第809号）. */
    nationalInstrument: Text,
    nationalInForce: Type.Object(
      { from: Type.Union([IsoDate, Type.Null()]), until: Type.Union([IsoDate, Type.Null()]) },
      strict,
    ),
    values: Type.Array(EffectiveEntry),
  },
  strict,
);

/**
 * 条文已录入、平台尚未实施 / transcribed, not yet enforced: provisions of the regulations with their
 * articles, kept so that nothing transcribed is lost, which no code reads yet. Information only:
 * changing one changes nothing the platform does. Each waits for the issue that builds it
 * (`PENDING_PROVISION_ISSUES` in labels.ts). The paths mirror where the value will live once it is
 * wired (`pendingProvisions.deadlines.correctionHandling` → `deadlines.correctionHandling`), and the
 * effective profile layers them like every other value (R123).
 */
export const PendingProvisions = Type.Object(
  {
    authorityLabels: Type.Object(
      {
        catalogRegistrar: Cited(Type.Union([Text, Type.Null()])),
        coordinator: Cited(Type.Union([Text, Type.Null()])),
        platformOperator: Cited(Type.Union([Text, Type.Null()])),
      },
      strict,
    ),
    platform: Type.Object(
      {
        topology: Cited(Enum('own_platform', 'uses_higher_level_platform')),
        use: Cited(Enum('mandatory', 'in_principle', 'priority', 'via_platform')),
      },
      strict,
    ),
    logs: Type.Object(
      {
        required: Cited(Type.Array(Enum('access', 'exchange', 'query'))),
        /** §4.6: log the content obtained, not only the action. */
        captureContent: Cited(Type.Boolean()),
      },
      strict,
    ),
    /** §4.9 */
    onwardSharing: Cited(
      Enum('own_duties_only', 'no_third_party', 'licence_agreement', 'provider_consent', 'not_specified'),
    ),
    /** §4.14 */
    catalogApproval: Cited(
      Type.Object(
        {
          kind: Enum(
            'government_approval',
            'authority_and_agency_confirmation',
            'government_office_confirmation',
            'filing',
            'authority_aggregation',
            /** 809 第十六条: reviewed by the same-level authority, then announced to all departments. */
            'authority_review',
          ),
          body: Text,
        },
        strict,
      ),
    ),
    /** §4.21: features the texts provide for, which the platform does not switch yet. */
    features: Type.Object(
      {
        hosting: Feature,
        openData: Feature,
        unifiedIdentity: Feature,
        subjectIdentifiers: Feature,
        archiving: Feature,
        classifiedDeployment: Feature,
      },
      strict,
    ),
  },
  {
    ...strict,
    description:
      '条文已录入、平台尚未实施（仅供查阅，不是配置项）/ transcribed from the regulations, not yet enforced: information only, not configuration',
  },
);

/**
 * A kind of violation a text names (issue 17; R114, N25): a stable code, the party it binds (the
 * providing or requesting department, the competent authority, or any department where a local
 * text names 行政机关 in general), its words and its article.
 */
export const ViolationCategory = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
    party: Enum('provider', 'requester', 'authority', 'any'),
    label: Type.Object({ zh: Text, en: Text }, strict),
    article: Text,
  },
  strict,
);

export const ProfileSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }),
    name: Type.Object({ zh: Text, en: Text }, strict),
    jurisdiction: Type.Object(
      { zh: Text, en: Text, level: Enum('national', 'region', 'city', 'county') },
      strict,
    ),
    instrument: Type.Object(
      {
        title: Text,
        number: Type.Union([Text, Type.Null()]),
        /** Whether the instrument's own text is in the regulations folder. */
        textAvailable: Type.Boolean(),
        note: Type.Optional(Text),
      },
      strict,
    ),
    /** R133: in force from / until (null: open or unknown). */
    inForce: Cited(
      Type.Object(
        { from: Type.Union([IsoDate, Type.Null()]), until: Type.Union([IsoDate, Type.Null()]) },
        strict,
      ),
    ),
    /** Things a legal owner must confirm before the profile is relied on. */
    caveats: Type.Array(Text),
    authorityLabels: Type.Object(
      {
        authority: Cited(Text),
      },
      strict,
    ),
    /** §4.1–4.2: the shape of the access workflow. */
    workflow: Type.Object(
      {
        accessFlow: Cited(Enum('provider_reply', 'authority_immediate')),
        onApplicationCovers: Cited(Enum('conditional_in_catalog', 'outside_catalog', 'not_specified')),
        outOfCatalog: Cited(Enum('provider_reply', 'government_decision', 'negotiation', 'not_specified')),
        /** 809 第二十条第二款 (N09): the requesting department's sharing-office head consents before the application is sent; null where the text is silent. */
        requesterHeadApproval: Cited(Type.Union([Type.Boolean(), Type.Null()])),
        /** 809 第二十条第三款 (N09): the provider's answer is given after its sharing-office head consents; null where the text is silent. */
        providerHeadApproval: Cited(Type.Union([Type.Boolean(), Type.Null()])),
      },
      strict,
    ),
    deadlines: Type.Object(
      {
        /** The reply to an application (for conditional data: 809 第二十一条, 10 WD). */
        reply: Period,
        /** 809 第二十一条第一款: the reply to a request for unconditional data (1 WD). */
        replyUnconditional: NationalPeriod,
        /** 809 第二十一条第一款: one extension of the reply period, at most this long, approved by the authority (10 WD). */
        replyExtension: NationalPeriod,
        /** 809 第二十二条: supply after agreeing to share (20 WD). */
        supply: NationalPeriod,
        negotiation: Period,
        coordination: Period,
        supplyAfterGovernmentDecision: Period,
        catalogUpdateAfterLawChange: Period,
        /** 809 第十七条第二款: one extension of the catalog update, with the authority's consent (5 WD). */
        catalogUpdateExtension: NationalPeriod,
        /** 809 第十七条第三款: the authority reviews and publishes an updated catalog (2 WD). */
        catalogUpdateReview: NationalPeriod,
        /** 809 第二十六条第二款: when a consumer reports inaccurate or incomplete data (timely). */
        correctionReport: Period,
        /** 809 第二十六条第二款: the provider verifies, corrects and answers a verification request (10 WD). */
        correctionHandling: Period,
        /** Where the request goes through the authority: the provider's check of it (Guangzhou Art.22, 3 WD). */
        correctionProviderCheck: Period,
      },
      strict,
    ),
    /** §4.4: who receives a consumer's error report. */
    correction: Type.Object(
      {
        channel: Cited(Enum('provider', 'authority', 'not_specified')),
        written: Cited(Type.Boolean()),
        serviceContinuity: Cited(Type.Union([Type.Boolean(), Type.Null()])),
      },
      strict,
    ),
    /** §4.12 */
    updateTimeliness: Type.Object(
      {
        rule: Cited(Enum('catalog_defined', 'statutory', 'not_specified')),
        realTime: Cited(Type.Array(Text)),
        otherData: Period,
        fallback: Cited(
          Type.Union([
            Type.Object(
              { cadence: Type.Literal('quarterly'), firstMonthDays: Type.Integer({ minimum: 1 }) },
              strict,
            ),
            Type.Null(),
          ]),
        ),
        /**
         * R71: whether the authority may restrict the new applications of a department whose data
         * is late against the catalog's update time limits (Feicheng Art.21); false where the text is silent.
         */
        restrictLate: Cited(Type.Boolean()),
      },
      strict,
    ),
    logs: Type.Object(
      {
        /** §4.5: `minimum` keeps at least this long; `fixed` is a set period (purge after?). */
        retention: Type.Object(
          {
            value: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
            unit: Type.Literal('years'),
            semantics: Type.Union([Enum('minimum', 'fixed'), Type.Null()]),
            article: Type.Union([Text, Type.Null()]),
            text: Text,
            note: Type.Optional(Text),
            source: Source,
          },
          strict,
        ),
      },
      strict,
    ),
    shareTypes: Type.Object(
      {
        /** §4.7: the jurisdiction's own label for each normalised class (null: no classes). */
        labels: Cited(
          Type.Object(
            {
              unconditional: Type.Union([Text, Type.Null()]),
              conditional: Type.Union([Text, Type.Null()]),
              not_shared: Type.Union([Text, Type.Null()]),
            },
            strict,
          ),
        ),
        /** §4.8: which classes need a legal basis, and which kinds of basis count. */
        legalBasis: Cited(
          Type.Object(
            {
              requiredFor: Type.Array(ShareType),
              allowed: Type.Array(LegalBasisType),
              conflict: Type.Optional(Text),
            },
            strict,
          ),
        ),
      },
      strict,
    ),
    /** §4.10 */
    classifiedData: Cited(
      Enum(
        'classification_factor',
        'separate_internal_platform',
        'external_network_non_classified',
        'per_law',
        'forbidden_on_platform',
      ),
    ),
    /** §4.13 */
    removal: Cited(Enum('government_approval', 'prior_filing', 'not_specified')),
    /**
     * What a catalog entry needs before it is submitted. 809 第十三条 sets the first three (the
     * national profile; a local profile leaves them out and takes the national ones, R123); a local
     * text may add its own (`documentation`, R73).
     */
    catalogPreparation: Type.Optional(
      Type.Object(
        {
          /** 第十三条第一款: 保密风险、个人信息保护影响评估 recorded, and the head's approval. */
          assessments: Type.Optional(Cited(Type.Boolean())),
          /** 第十三条第二款: 数据分类分级 stated on every entry. */
          grading: Type.Optional(Cited(Type.Boolean())),
          /** The levels of 一般数据; the regulation fixes no scale (article null: configured). */
          generalLevels: Type.Optional(
            Cited(Type.Array(Type.Object({ code: Text, zh: Text, en: Text }, strict))),
          ),
          /**
           * R73: 采集依据 and the norms and procedures of collection, publication and maintenance
           * (信息收集、发布、维护的规范和程序) stated on every entry before submission.
           */
          documentation: Type.Optional(Cited(Type.Boolean())),
        },
        strict,
      ),
    ),
    /** §4.15 */
    baseResources: Cited(
      Type.Object({ resources: Type.Array(BaseResource), benchmarkCatalog: Type.Boolean() }, strict),
    ),
    /**
     * R111, R112, R115 (issue 17): how the authority evaluates departments, and their self-reports.
     * Indicator names are supervision's (`INDICATOR_NAMES`, checked by its tests); a local profile
     * that leaves the section out takes the national one (R123).
     */
    evaluation: Type.Optional(
      Type.Object(
        {
          indicators: Cited(
            Type.Array(
              Type.Object(
                {
                  indicator: Type.String({ pattern: '^[a-z][a-z_]*$' }),
                  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
                },
                strict,
              ),
              { minItems: 1 },
            ),
          ),
          period: Cited(Enum('annual', 'half_yearly')),
          publication: Cited(Enum('public', 'internal')),
          /**
           * R116: what sharing compliance weighs in IT project approval and O&M funding: an
           * important basis (809 第三十八条), or a condition — no approval, no funding (Inner Mongolia).
           */
          projectCompliance: Type.Optional(Cited(Enum('basis', 'withhold'))),
          departmentReports: Cited(
            Type.Union([
              Type.Object(
                {
                  cadence: Enum('annual', 'half_yearly'),
                  /** MM-DD of the same year: the first half-year's report (half_yearly only). */
                  firstHalfDue: Type.Union([Type.String({ pattern: '^\\d{2}-\\d{2}$' }), Type.Null()]),
                  /** MM-DD of the following year: the annual report. */
                  annualDue: Type.String({ pattern: '^\\d{2}-\\d{2}$' }),
                  /** Working days before the due date the department is reminded. */
                  remindWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
                },
                strict,
              ),
              Type.Null(),
            ]),
          ),
        },
        strict,
      ),
    ),
    /**
     * Issue 17 (R114, N20, N25): the kinds of violation the text names, each with its article (a
     * local list replaces the national one where the local text has one), and the rectification
     * period an order gives (责令限期改正).
     */
    violations: Type.Optional(
      Type.Object(
        { categories: Cited(Type.Array(ViolationCategory, { minItems: 1 })), rectification: Period },
        strict,
      ),
    ),
    /** Only on an effective profile (local on top of national, R123); profile files leave it out. */
    effective: Type.Optional(EffectiveBlock),
    /** §4.21: optional features switched on per profile. */
    features: Type.Object(
      {
        /** Guangzhou Art.23 ¶2: a key query of document- or licence-type information fixes a signed snapshot (R107). */
        snapshots: Feature,
        complaints: Feature,
        agreements: Feature,
        /** Guangzhou Art.22: the provider's handling of a conflict between sources (一数一源). */
        providerConflictHandling: Feature,
        /** Guangzhou Art.23, 24: document- and licence-type records carry the provider's electronic seal (R106, R108). */
        eSeal: Feature,
      },
      strict,
    ),
    /** Information only: provisions transcribed, not yet enforced (see PendingProvisions). */
    pendingProvisions: PendingProvisions,
  },
  { ...strict, $id: 'JurisdictionProfile', title: 'JurisdictionProfile' },
);

export type Profile = Static<typeof ProfileSchema>;
export type ProfilePeriod = Static<typeof Period>;
export type EffectiveInfo = Static<typeof EffectiveBlock>;
export type EffectiveValue = Static<typeof EffectiveEntry>;
export type PendingProvisionsBlock = Static<typeof PendingProvisions>;
export type EffectiveOutcomeName = Static<typeof EffectiveOutcome>;
