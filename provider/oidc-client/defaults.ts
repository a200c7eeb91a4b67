/**
 * What an `OidcClient` assumes when an option is not given. A module of its own, free of the
 * Pulumi SDK, because the docs (and through them the provider plugin's schema, which the plugin
 * builds at every start) read these values too.
 */
import { MIN_SIGN_ON_POLICY_PRIORITY, OPENID_SCOPE, OPENID_SCOPE_BY_NAME } from "../../pingone";

/** The scopes an `OidcClient` requests when `scopes` is not given (and its app can sign users in). */
export const DEFAULT_OIDC_SCOPES: readonly string[] = [OPENID_SCOPE, OPENID_SCOPE_BY_NAME.profile, OPENID_SCOPE_BY_NAME.email];

/** The priority of the sign-on policy assignment when `signOnPolicy.priority` is not given. */
export const DEFAULT_SIGN_ON_POLICY_PRIORITY = MIN_SIGN_ON_POLICY_PRIORITY;
