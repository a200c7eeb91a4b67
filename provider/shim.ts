/**
 * The provider object that Pulumi serializes into every Application's state.
 *
 * It is deliberately tiny and captures nothing: each method requires the implementation by
 * package name at call time. The closure serializer would otherwise walk local modules by value
 * and silently swap module bindings that share a global's name (pulumi-notes §D: a module-scope
 * `require("node-fetch")` became the global fetch), and every resource would carry a copy of
 * the whole provider. Nothing here can capture a credential: there is nothing to capture.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The implementation module's path inside the `pulumi-pingone` package (see package.json `exports`). */
export const IMPLEMENTATION_MODULE = "pulumi-pingone/provider/lifecycle";

/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
// The shim must not reference any module-level binding (they would be serialized), so the
// module name is repeated in each method and the result is untyped on purpose.
export const providerShim: dynamic.ResourceProvider = {
  configure: (request) => require("pulumi-pingone/provider/lifecycle").lifecycle.configure(request),
  check: (olds, news) => require("pulumi-pingone/provider/lifecycle").lifecycle.check(olds, news),
  diff: (id, olds, news) => require("pulumi-pingone/provider/lifecycle").lifecycle.diff(id, olds, news),
  create: (inputs) => require("pulumi-pingone/provider/lifecycle").lifecycle.create(inputs),
  read: (id, props) => require("pulumi-pingone/provider/lifecycle").lifecycle.read(id, props),
  update: (id, olds, news) => require("pulumi-pingone/provider/lifecycle").lifecycle.update(id, olds, news),
  delete: (id, props) => require("pulumi-pingone/provider/lifecycle").lifecycle.delete(id, props),
};
/* eslint-enable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
