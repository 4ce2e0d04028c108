import { builder } from './builder.ts'
import { ValidationError } from '../domain/errors.ts'
import { logInResolver, signUpResolver } from '../resolvers/auth.ts'

export const Role = builder.enumType('Role', { values: ['USER', 'ADMIN'] as const })

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.field({ type: Role, select: { role: true }, resolve: (u) => u.role }),
  }),
})

const AuthSuccess = builder.objectRef<{ token: string; userId: string }>('AuthSuccess').implement({
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'token' in v,
  fields: (t) => ({
    token: t.exposeString('token'),
    user: t.prismaField({
      type: 'User',
      resolve: (query, auth, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: auth.userId } }),
    }),
  }),
})

const SignUpInput = builder.inputType('SignUpInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
    name: t.string({ required: true }),
  }),
})

const LogInInput = builder.inputType('LogInInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    password: t.string({ required: true }),
  }),
})

const AuthResult = builder.errorUnion('AuthResult', { types: [AuthSuccess, ValidationError] })

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The logged-in user; null when not logged in.',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.id } }) : null,
  }),
)

builder.mutationFields((t) => ({
  signUp: t.field({
    type: AuthResult,
    args: { input: t.arg({ type: SignUpInput, required: true }) },
    resolve: (_root, { input }, ctx) => signUpResolver(ctx, input),
  }),
  logIn: t.field({
    type: AuthResult,
    args: { input: t.arg({ type: LogInInput, required: true }) },
    resolve: (_root, { input }, ctx) => logInResolver(ctx, input),
  }),
}))
