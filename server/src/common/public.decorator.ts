/**
 * Marks a query, mutation or subscription that anyone may call without signing in. Every other
 * root field carries `@Authorized`: the authorisation test fails on a root field with neither,
 * so that no operation is left open by forgetting its rule.
 */
const publicOperations = new Set<string>();

export function Public(): MethodDecorator {
  return (_target, propertyKey) => {
    publicOperations.add(String(propertyKey));
  };
}

/** Whether the root field of this name was declared public. */
export function isPublicOperation(fieldName: string): boolean {
  return publicOperations.has(fieldName);
}
