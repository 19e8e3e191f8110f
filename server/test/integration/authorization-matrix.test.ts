import 'reflect-metadata';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { operationRules, type Operation } from '../../src/common/operation-rules';
import { createSchema } from '../../src/common/schema';
import { adminToken, baseUrl, graphql, newUser, ok } from '../support/api';
import { dummyOperation } from '../support/dummy-operation';
import { newOrganization } from '../support/organizations';
import { useChildServer } from '../support/spawn-test-server';

/** Codes that say the caller was let in and the request then met the data. */
const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

type Outcome = string | undefined;

const ADD_MEMBER = `mutation ($input: AddOrganizationMemberInput!) {
  addOrganizationMember(input: $input) { id }
}`;

/** One account per role that reaches the root fields: platform and organisation roles. */
async function roles(): Promise<Record<string, string | undefined>> {
  const [user, orgAdmin, keeper, member] = await Promise.all(
    ['user', 'org-admin', 'keeper', 'member'].map((prefix) => newUser(prefix)),
  );
  const organization = await newOrganization(orgAdmin.token);
  for (const [who, role] of [
    [keeper, 'SEAL_KEEPER'],
    [member, 'MEMBER'],
  ] as const) {
    await ok(
      ADD_MEMBER,
      { input: { organizationId: organization.id, userId: who.id, role } },
      orgAdmin.token,
    );
  }

  return {
    ANONYMOUS: undefined,
    USER: user.token,
    ORG_ADMIN: orgAdmin.token,
    SEAL_KEEPER: keeper.token,
    MEMBER: member.token,
    ADMIN: await adminToken(),
  };
}

/** What a caller may expect of an operation under its rule, as a refusal code or none. */
function allowed(operation: Operation, role: string, outcome: Outcome): boolean {
  if (outcome === 'INTERNAL_SERVER_ERROR') return false;
  const rule = operation.rule!;
  if (rule.kind === 'PUBLIC') return outcome !== 'FORBIDDEN';
  if (role === 'ANONYMOUS') return outcome === 'UNAUTHENTICATED';
  if (rule.kind === 'SIGNED_IN') return !AUTH_CODES.includes(outcome ?? '');
  const platformRole = role === 'ADMIN' ? 'ADMIN' : 'USER';

  return rule.roles.includes(platformRole)
    ? !AUTH_CODES.includes(outcome ?? '')
    : outcome === 'FORBIDDEN';
}

async function call(
  operation: Operation,
  request: ReturnType<typeof dummyOperation>,
  token?: string,
) {
  if (operation.root !== 'subscription') {
    return (await graphql(request.query, request.variables, token)).errors?.[0]?.extensions?.code;
  }
  const client = createClient({
    url: `${baseUrl().replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  try {
    // A subscription that lets the caller in says nothing until an event comes: a second of
    // silence is taken as admission.
    const first = client.iterate(request).next();
    const silence = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1000));
    const value = (await Promise.race([first, silence]))?.value as
      { errors?: { extensions?: { code?: string } }[] } | undefined;

    return value?.errors?.[0]?.extensions?.code;
  } finally {
    await client.dispose();
  }
}

describe('the authorisation matrix', () => {
  // Its own server: placeholders sent as an administrator may change platform-wide state.
  useChildServer(() => ({}));

  it('answers every operation for every role as the operation’s rule says, and never fails inside', async () => {
    const schema = await createSchema();
    const accounts = await roles();
    const wrong: string[] = [];
    for (const operation of operationRules(schema)) {
      const type =
        operation.root === 'query'
          ? schema.getQueryType()
          : operation.root === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType();
      const request = dummyOperation(operation.root, type!.getFields()[operation.fieldName]);
      for (const [role, token] of Object.entries(accounts)) {
        const outcome = await call(operation, request, token);
        if (!allowed(operation, role, outcome)) {
          wrong.push(
            `${operation.fieldName} as ${role}: ${outcome ?? 'no error'} (${operation.rule?.kind})`,
          );
        }
      }
    }

    expect(wrong).toEqual([]);
  }, 300_000);
});
