import { Type } from '@sinclair/typebox';
import { RoleSchema } from '../routes/schemas.js';

const Ref = Type.Object({ id: Type.String(), username: Type.String() });

export const DualControlActionSchema = Type.Union(
  (['reset_password', 'reset_totp', 'set_roles', 'set_status', 'set_contact', 'unlock'] as const).map((a) =>
    Type.Literal(a),
  ),
  { description: '请求的操作 / the act asked for' },
);

export const DualControlStatusSchema = Type.Union(
  (['pending', 'approved', 'executed', 'refused', 'withdrawn', 'expired'] as const).map((s) =>
    Type.Literal(s),
  ),
);

export const DualControlRequestSchema = Type.Object(
  {
    id: Type.String(),
    action: DualControlActionSchema,
    target: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
    payload: Type.Object({
      roles: Type.Optional(Type.Array(RoleSchema)),
      status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
      email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      phone: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
    status: DualControlStatusSchema,
    requestedBy: Ref,
    requestedByRole: RoleSchema,
    reason: Type.Union([Type.String(), Type.Null()]),
    requestedAt: Type.String(),
    expiresAt: Type.String({
      description: '待审批截止；批准后为领取一次性密码截止 / decision or collection deadline',
    }),
    decidedBy: Type.Union([Ref, Type.Null()]),
    decidedAt: Type.Union([Type.String(), Type.Null()]),
    decisionNote: Type.Union([Type.String(), Type.Null()]),
    executedAt: Type.Union([Type.String(), Type.Null()]),
  },
  { description: '双人审批请求 / dual-control request' },
);

/** What an act on a privileged account answers instead of its result: the request now waiting. */
export const PendingSchema = Type.Object({
  request: DualControlRequestSchema,
});
