/**
 * What the Application resource adds to PingOne's fields: the properties a program sets (PingOne's
 * top-level fields, in the field table's order, plus the provider's own), and the resource's
 * Pulumi type token.
 */
import { REPLACE_TRIGGERS, TOP_LEVEL_FIELDS } from "../../pingone";

export { APPLICATION_SECRET_TYPE_TOKEN, APPLICATION_TYPE_TOKEN } from "../resources";

/**
 * Arguments that steer the provider rather than describe the application: never sent to PingOne
 * and never compared with what PingOne holds. `adoptId` only matters when the resource is
 * created; the lifecycle compares `exposeSecret` itself.
 */
export const PROVIDER_ONLY_FIELDS: readonly string[] = ["adoptId", "exposeSecret"];

/** Every property name a program can set, in the order the README documents them. */
export const APPLICATION_PROPERTY_NAMES = ["environmentId", ...TOP_LEVEL_FIELDS, "adoptId", "exposeSecret"] as const;
export type ApplicationPropertyName = (typeof APPLICATION_PROPERTY_NAMES)[number];

/** Properties whose change needs a new application: the environment (PingOne cannot move an application) and PingOne's own. */
export const REPLACE_ON_CHANGE: readonly string[] = ["environmentId", ...REPLACE_TRIGGERS];
