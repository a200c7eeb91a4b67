/**
 * The provider object that Pulumi serializes into every Application's state.
 *
 * It is deliberately tiny and captures nothing: each method requires the implementation by
 * package name at call time. The closure serializer would otherwise walk local modules by value
 * and silently swap module bindings that share a global's name (docs/pulumi-notes.md §D: a module-scope
 * `require("node-fetch")` became the global fetch), and every resource would carry a copy of
 * the whole provider. Nothing here can capture a credential: there is nothing to capture.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

// Each method repeats the require instead of sharing a helper: every captured function costs
// about 200 bytes of wrapper in the serialized text, which is stored with every resource.
/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
export const providerShim: dynamic.ResourceProvider<Record<string, unknown>, Record<string, unknown>> = {
  configure: (r) => require("pulumi-pingone/provider").configure(r),
  check: (o, n) => require("pulumi-pingone/provider").check(o, n),
  diff: (i, o, n) => require("pulumi-pingone/provider").diff(i, o, n),
  create: (n) => require("pulumi-pingone/provider").create(n),
  read: (i, p) => require("pulumi-pingone/provider").read(i, p),
  update: (i, o, n) => require("pulumi-pingone/provider").update(i, o, n),
  delete: (i, p) => require("pulumi-pingone/provider").delete(i, p),
};
/* eslint-enable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
