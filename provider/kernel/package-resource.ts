/** The base of this package's resource classes (what a program constructs). */
import * as pulumi from "@pulumi/pulumi";
import { serializedProvider } from "./shim";
import { dynamicTypeToken } from "../resources";

/**
 * A custom resource of Pulumi's Node.js dynamic-provider package, registered exactly as
 * `pulumi.dynamic.Resource` registers one (type token `pulumi-nodejs:dynamic/pingone:<type>`, the
 * serialized provider under `__provider`), but with the small fixed provider text of
 * `serializedProvider` instead of a serialized closure.
 * @see serializedProvider
 * @see https://github.com/pulumi/pulumi/blob/master/sdk/nodejs/dynamic/index.ts (`Resource`)
 */
export abstract class PackageResource extends pulumi.CustomResource {
  /**
   * @param entry The package entry that exports the implementation (e.g. `pulumi-pingone/provider`).
   * @param type The resource type within the `pingone` module (e.g. `Application`).
   */
  protected constructor(entry: string, type: string, name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    // The SDK makes four bookkeeping promises per property while it registers a resource, and
    // records a stack trace with each (`debuggablePromise` in @pulumi/pulumi runtime/debuggable.js,
    // shown only when a program exits with promises still pending). Under the source-map support
    // every Pulumi program runs with, each trace costs tens of microseconds per frame, and an
    // Application has 53 properties: most of the program's CPU time at a few hundred applications
    // (bench/scaling.ts, --cpu-prof). No trace is recorded while the SDK registers this resource;
    // the resource's source position and stack trace in the state are taken by the SDK with its
    // own limit (`Resource.stackTrace`), and an error thrown here gets the caller's stack back.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(dynamicTypeToken(type), name, { ...props, __provider: serializedProvider(entry) }, opts);
    } catch (error) {
      Error.stackTraceLimit = stackTraceLimit;
      if (error instanceof Error) Error.captureStackTrace(error, PackageResource);
      throw error;
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}
