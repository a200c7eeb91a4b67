/**
 * The provider object Pulumi serializes into every ApplicationSecret's state: like `shim.ts`, a
 * few calls that require the implementation by package name at call time and capture nothing.
 *
 * It has no `delete`: deleting an ApplicationSecret sends nothing (PingOne has no way to delete an
 * application's only secret), and without the method the engine simply forgets the resource. Each
 * method costs about 250 bytes of every resource's state, and the whole stays under 2 KB.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
export const secretProviderShim: dynamic.ResourceProvider<Record<string, unknown>, Record<string, unknown>> = {
  configure: (r) => require("pulumi-pingone/provider/secret").configure(r),
  check: (o, n) => require("pulumi-pingone/provider/secret").check(o, n),
  diff: (i, o, n) => require("pulumi-pingone/provider/secret").diff(i, o, n),
  create: (n) => require("pulumi-pingone/provider/secret").create(n),
  read: (i, p) => require("pulumi-pingone/provider/secret").read(i, p),
  update: (i, o, n) => require("pulumi-pingone/provider/secret").update(i, o, n),
};
/* eslint-enable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
