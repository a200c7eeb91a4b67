/**
 * `pulumi-pingone/provider/secret` (package.json `exports`): the module the serialized
 * ApplicationSecret provider (`kernel/shim.ts`) requires. Its exports are the process-wide dynamic provider itself.
 */
import { DynamicProvider } from "../kernel/dynamic-provider";
import { ApplicationSecretLifecycle } from "./lifecycle";

export = new DynamicProvider(new ApplicationSecretLifecycle());
