/**
 * PingOne's SAML applications, as far as this package meets them: it manages OIDC applications
 * only, but an environment's application list holds SAML ones too, and `pulumi-pingone adopt`
 * must skip them by name. The emulator accepts them so that a test can seed one through the API.
 *
 * A SAML application is `protocol: "SAML"`, and its create needs `spEntityId` (unique in the
 * environment), `acsUrls` (at least one URL; the first is the default) and `assertionDuration`
 * (seconds), besides `name`, `enabled` and `type`.
 * @see https://developer.pingidentity.com/pingone-api/platform/applications/applications-1/create-application-saml-protocol.html
 * @see https://developer.pingidentity.com/pingone-api/workflow-library/platform-sso-and-authorization/saml/saml-sign-on-flow/environment-configuration/step-2-create-a-saml-application.html
 */
export const SAML_PROTOCOL = "SAML";

/** The SAML settings a SAML application's create requires, besides name, enabled and type. */
export const SAML_REQUIRED_FIELDS = ["spEntityId", "acsUrls", "assertionDuration"] as const;

/** The base fields a SAML application's create requires. */
export const SAML_BASE_REQUIRED_FIELDS = ["name", "enabled", "type"] as const;
