/**
 * `pulumi-pingone/provider` (package.json `exports`): the module the serialized Application
 * provider (`kernel/shim.ts`) requires. Its exports are the process-wide dynamic provider itself.
 */
import { DynamicProvider } from "../kernel/dynamic-provider";
import { ApplicationLifecycle } from "./lifecycle";

export = new DynamicProvider(new ApplicationLifecycle());
