/** The serialized provider (`__provider`) that every resource of this package carries in its state. */

/**
 * The `__provider` text for a package entry, stored with every resource, twice (inputs and
 * outputs): a fixed CommonJS module whose `handler` requires the entry by package name in the
 * dynamic-provider process. The host loads it with `require-from-string`, calls `handler()` once
 * per distinct text, then calls the result's `configure`, `check`, `diff`, `create`, `read`,
 * `update` and `delete`. The entries (package.json `exports`: `pulumi-pingone/provider`,
 * `…/secret`, `…/grant`, `…/sop`, each a folder's `entry.ts`) export their process-wide
 * `DynamicProvider` themselves, so the handler has nothing to wrap.
 *
 * Written by hand rather than produced by `pulumi.runtime.serializeFunction` (what
 * `dynamic.Resource` does): about 60 bytes instead of 2 KB per copy, nothing captured, so nothing
 * can leak a credential or swap a module binding for a global of the same name
 * (docs/pulumi-notes.md §D), and no closure analysis in the program.
 * @see DynamicProvider (./dynamic-provider.ts)
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/cmd/dynamic-provider/index.ts (`getProvider`)
 */
export function serializedProvider(entry: string): string {
  return `exports.handler = () => require(${JSON.stringify(entry)});\n`;
}
