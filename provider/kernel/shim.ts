/**
 * The serialized provider (`__provider`) that every resource of this package carries in its
 * state, twice (inputs and outputs): a fixed CommonJS module whose `handler` returns the
 * implementation, required by package name in the dynamic-provider process.
 *
 * Pulumi's dynamic-provider host loads `__provider` with `require-from-string` and calls
 * `handler()` once per distinct text, then calls the result's `configure`, `check`, `diff`,
 * `create`, `read`, `update` and `delete` (@pulumi/pulumi `cmd/dynamic-provider`). The
 * implementation modules (package.json `exports`: `pulumi-pingone/provider`, `…/secret`,
 * `…/grant`, `…/sop`, each a folder's `entry.ts`) export their process-wide `DynamicProvider`
 * (./dynamic-provider.ts) themselves, so the handler has nothing to wrap.
 *
 * Written by hand rather than produced by `pulumi.runtime.serializeFunction` (what
 * `dynamic.Resource` does): about 60 bytes instead of 2 KB per copy, nothing captured, so nothing
 * can leak a credential or swap a module binding for a global of the same name
 * (docs/pulumi-notes.md §D), and no closure analysis in the program.
 */
export function serializedProvider(entry: string): string {
  return `exports.handler = () => require(${JSON.stringify(entry)});\n`;
}
