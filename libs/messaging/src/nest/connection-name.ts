/**
 * The name a connection shows in the broker's management API, qualified by the namespace when
 * there is one: a test that closes "its" journal writer's connection by name must not close the
 * one of a demo (or of another test file) running on the same broker. A deployment without a
 * namespace keeps the plain names (`pcms-router`).
 */
export function connectionNameIn(
  namespace: string | undefined,
  name: string | undefined,
): string | undefined {
  return name && namespace ? `${name}@${namespace}` : name;
}
