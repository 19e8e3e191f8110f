/**
 * Any root field of the schema as a request that type-checks: every required argument gets a
 * placeholder of its type (unknown ids, one-letter text, the first enum value), and the
 * selection is just `__typename`. Used to knock on every door of the API.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A placeholder for a value of `type`; undefined for optional ones, which are left out. */
export function placeholder(type: GraphQLInputType, required = isNonNullType(type)): unknown {
  if (!required) return undefined;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).map((field) => [
      field.name,
      field.defaultValue === undefined ? placeholder(field.type) : undefined,
    ]);

    return Object.fromEntries(fields.filter(([, value]) => value !== undefined));
  }
  if (isScalarType(inner)) return scalarPlaceholder(inner.name);
  throw new Error(`no placeholder for ${String(inner)}`);
}

function scalarPlaceholder(name: string): unknown {
  switch (name) {
    case 'ID':
      return UNKNOWN_ID;
    case 'String':
      return 'x';
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
    case 'DateTime':
      return new Date().toISOString();
    default:
      return {};
  }
}

/** The request for one root field: its text and variables. */
export function dummyOperation(
  root: 'query' | 'mutation' | 'subscription',
  field: GraphQLField<unknown, unknown>,
): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const argumentsText = required.map((arg: GraphQLArgument) => `${arg.name}: $${arg.name}`);
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const query =
    `${root}${declarations ? ` (${declarations})` : ''} { ` +
    `${field.name}${argumentsText.length ? `(${argumentsText.join(', ')})` : ''}${selection} }`;
  const variables = Object.fromEntries(required.map((arg) => [arg.name, placeholder(arg.type)]));

  return { query, variables };
}
