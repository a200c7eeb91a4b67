/** `pulumi-pingone/provider/grant` (package.json `exports`): the module the serialized ApplicationResourceGrant provider (`kernel/shim.ts`) requires. */
import { DynamicProvider } from "../kernel/dynamic-provider";
import { ApplicationResourceGrantLifecycle } from "./lifecycle";

export = new DynamicProvider(new ApplicationResourceGrantLifecycle());
