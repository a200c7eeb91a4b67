/**
 * The base of this package's resource classes: a custom resource of Pulumi's Node.js
 * dynamic-provider package, registered exactly as `pulumi.dynamic.Resource` registers one (type
 * token `pulumi-nodejs:dynamic/pingone:<type>`, the serialized provider under `__provider`), but
 * with the small fixed provider text of `shim.ts` instead of a serialized closure.
 */
import * as pulumi from "@pulumi/pulumi";
import { serializedProvider } from "./shim";
import { APPLICATION_MODULE } from "./type-token";

export abstract class PackageResource extends pulumi.CustomResource {
  /**
   * @param entry The package entry that exports the implementation (e.g. `pulumi-pingone/provider`).
   * @param type The resource type within the `pingone` module (e.g. `Application`).
   */
  protected constructor(entry: string, type: string, name: string, props: Record<string, unknown>, opts?: pulumi.CustomResourceOptions) {
    super(`pulumi-nodejs:dynamic/${APPLICATION_MODULE}:${type}`, name, { ...props, __provider: serializedProvider(entry) }, opts);
  }
}
