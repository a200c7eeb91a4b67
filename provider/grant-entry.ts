/** `pulumi-pingone/provider/grant` (package.json `exports`): the module the serialized ApplicationResourceGrant provider (`shim.ts`) requires. */
import { applicationResourceGrantLifecycle } from "./grant-lifecycle";

export = applicationResourceGrantLifecycle;
