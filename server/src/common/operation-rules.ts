import { getMetadataStorage } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { isPublicOperation } from './public.decorator';

/** Who may call a root field: anyone, anyone signed in, or only the named platform roles. */
export type OperationRule =
  { kind: 'PUBLIC' } | { kind: 'SIGNED_IN' } | { kind: 'ROLES'; roles: readonly string[] };

/** One root field of the schema and its declared rule; `rule` is null when none was declared. */
export interface Operation {
  root: 'query' | 'mutation' | 'subscription';
  fieldName: string;
  rule: OperationRule | null;
}

/**
 * Every query, mutation and subscription with the rule its resolver declares through
 * `@Authorized` or `@Public`. Ownership (whose seal, which organisation) is decided further in,
 * by the services; this is the first gate, and no root field may go without one.
 */
export function operationRules(schema: GraphQLSchema): Operation[] {
  const authorized = getMetadataStorage().authorizedFields;
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;

  return roots.flatMap(([root, type]) =>
    Object.keys(type?.getFields() ?? {}).map((fieldName) => {
      const declared = authorized.find((field) => field.fieldName === fieldName);
      const rule: OperationRule | null = isPublicOperation(fieldName)
        ? { kind: 'PUBLIC' }
        : !declared
          ? null
          : declared.roles.length === 0
            ? { kind: 'SIGNED_IN' }
            : { kind: 'ROLES', roles: declared.roles as string[] };

      return { root, fieldName, rule };
    }),
  );
}
