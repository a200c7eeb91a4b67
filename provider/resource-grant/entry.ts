/** `pulumi-pingone/provider/grant` (package.json `exports`): the module the serialized ApplicationResourceGrant provider (`kernel/shim.ts`) requires. */
import { applicationResourceGrantLifecycle } from "./lifecycle";

export = applicationResourceGrantLifecycle;
