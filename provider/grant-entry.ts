/** `pulumi-pingone/provider/grant` (package.json `exports`): the module the serialized ApplicationResourceGrant shim requires. */
import { applicationResourceGrantLifecycle } from "./grant-lifecycle";

export = applicationResourceGrantLifecycle;
