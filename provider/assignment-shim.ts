/**
 * The provider object Pulumi serializes into every ApplicationSignOnPolicyAssignment's state: like
 * `shim.ts`, calls that require the implementation by package name at call time and capture nothing.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
export const assignmentProviderShim: dynamic.ResourceProvider<Record<string, unknown>, Record<string, unknown>> = {
  configure: (r) => require("pulumi-pingone/provider/sop").configure(r),
  check: (o, n) => require("pulumi-pingone/provider/sop").check(o, n),
  diff: (i, o, n) => require("pulumi-pingone/provider/sop").diff(i, o, n),
  create: (n) => require("pulumi-pingone/provider/sop").create(n),
  read: (i, p) => require("pulumi-pingone/provider/sop").read(i, p),
  update: (i, o, n) => require("pulumi-pingone/provider/sop").update(i, o, n),
  delete: (i, p) => require("pulumi-pingone/provider/sop").delete(i, p),
};
/* eslint-enable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call */
