/**
 * The provider plugin's process: `pulumi-resource-pingone-oidc` (plugin/bin) runs this file, and
 * the Node SDK's provider server serves the engine over gRPC. One lifecycle per resource type,
 * configured once from the stack config the engine passes (`PULUMI_CONFIG`) and the environment.
 * @see https://github.com/pulumi/pulumi/blob/v3.259.0/sdk/nodejs/provider/server.ts (`main`)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@pulumi/pulumi/provider";
import { ApplicationLifecycle } from "../provider/application/lifecycle";
import { ApplicationSecretLifecycle } from "../provider/application-secret/lifecycle";
import { resolveSettings } from "../provider/kernel/config";
import type { ResourceLifecycle } from "../provider/kernel/lifecycle";
import { ApplicationResourceGrantLifecycle } from "../provider/resource-grant/lifecycle";
import { ApplicationSignOnPolicyAssignmentLifecycle } from "../provider/sign-on-policy-assignment/lifecycle";
import { PingOneOidcProvider, pluginConfig } from "./provider";
import { pluginSchema } from "./schema";
import { applySdkWorkarounds } from "./sdk-workarounds";

/** The package's version, which is the plugin's. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version?: unknown };
  return typeof manifest.version === "string" ? manifest.version : "0.0.0";
}

async function serve(): Promise<void> {
  applySdkWorkarounds();
  const lifecycles: Record<string, ResourceLifecycle> = {
    Application: new ApplicationLifecycle(),
    ApplicationSecret: new ApplicationSecretLifecycle(),
    ApplicationResourceGrant: new ApplicationResourceGrantLifecycle(),
    ApplicationSignOnPolicyAssignment: new ApplicationSignOnPolicyAssignmentLifecycle(),
  };
  const config = pluginConfig(process.env);
  await Promise.all(Object.values(lifecycles).map((lifecycle) => lifecycle.configure({ config })));
  const version = packageVersion();
  const defaultAuthUrl = (): string => resolveSettings(config).authUrl;
  await main(new PingOneOidcProvider(version, JSON.stringify(pluginSchema(version)), lifecycles, defaultAuthUrl), process.argv.slice(2));
}

void serve();
