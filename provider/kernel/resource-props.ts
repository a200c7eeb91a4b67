/** The props a resource class registers. */

/**
 * The props a dynamic resource class registers: every declared output seeded as undefined (the
 * engine registers as outputs only the keys present in the props given to `super()`), the
 * program's arguments, and the resource name under `__autoname` for auto-naming and messages.
 * @see https://github.com/pulumi/pulumi/issues/2931
 * @see PackageResource
 */
export function resourceProps(declaredOutputs: readonly string[], args: object, name: string): Record<string, unknown> {
  return { ...Object.fromEntries(declaredOutputs.map((key) => [key, undefined])), ...args, __autoname: name };
}
