/**
 * Where the Node SDK's provider server (`@pulumi/pulumi/provider`, sdk/nodejs/provider/server.ts
 * at v3.259.0) assumes more than the engine sends, and what this plugin does about it. Each entry
 * names the line, and what breaks if upstream changes it (docs/plugin.md lists them all).
 *
 * - server.ts:285 `read`: `req.getProperties()!.toJavaScript()`. `pulumi import` and `.get` send a
 *   ReadRequest without properties, so the server throws "Cannot read properties of undefined
 *   (reading 'toJavaScript')" before the provider is called. The plugin makes an absent
 *   `properties` read as an empty Struct, on the ReadRequest class the server itself uses. If
 *   upstream handles the absent field, this does nothing; if it renames the class or the getter,
 *   the load-time check below fails loudly rather than letting imports break.
 */
import { dirname } from "node:path";

/** A protobuf Struct, as far as this module uses one. */
type Struct = object;

/**
 * google-protobuf's Struct, the copy @pulumi/pulumi itself loads (it is @pulumi/pulumi's
 * dependency, not this package's, so it is resolved from there).
 */
function structClass(): new () => Struct {
  const path = require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [dirname(require.resolve("@pulumi/pulumi"))] });
  return (require(path) as { Struct: new () => Struct }).Struct;
}

interface ReadRequestClass {
  prototype: { getProperties: (this: unknown) => Struct | undefined };
}

/** Applies the workarounds once, before the server starts. */
export function applySdkWorkarounds(): void {
  const proto = require("@pulumi/pulumi/proto/provider_pb") as { ReadRequest?: ReadRequestClass };
  const readRequest = proto.ReadRequest;
  if (readRequest === undefined || typeof readRequest.prototype.getProperties !== "function") {
    throw new Error("pingone-oidc: @pulumi/pulumi's ReadRequest has no getProperties; the import workaround (plugin/sdk-workarounds.ts) needs a review");
  }
  const original = readRequest.prototype.getProperties;
  const EmptyStruct = structClass();
  readRequest.prototype.getProperties = function (this: unknown): Struct {
    return original.call(this) ?? new EmptyStruct();
  };
}
