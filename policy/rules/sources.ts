/**
 * Links to the specifications the rules cite, so each URL is written once. Section numbers
 * follow the catalogue (RFC 9700 as published; OAuth 2.1 draft -15; FAPI 2.0 Security Profile).
 */
import type { PolicyComplianceFramework } from "@pulumi/policy";

const rfc = (n: number, section: string): string => `https://www.rfc-editor.org/rfc/rfc${n}#section-${section}`;

export const RFC3986 = (section: string): string => rfc(3986, section);
export const RFC6749 = (section: string): string => rfc(6749, section);
export const RFC7591 = (section: string): string => rfc(7591, section);
export const RFC7636 = (section: string): string => rfc(7636, section);
export const RFC8252 = (section: string): string => rfc(8252, section);
export const RFC9700 = (section: string): string => rfc(9700, section);
export const OAUTH21 = (section: string): string => `https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-15#section-${section}`;
export const BBA = (section: string): string => `https://datatracker.ietf.org/doc/html/draft-ietf-oauth-browser-based-apps#section-${section}`;
export const OIDC_REGISTRATION = "https://openid.net/specs/openid-connect-registration-1_0.html#ClientMetadata";
export const OIDC_RP_LOGOUT = "https://openid.net/specs/openid-connect-rpinitiated-1_0.html";
export const CIBA_CORE = "https://openid.net/specs/openid-client-initiated-backchannel-authentication-core-1_0.html";
export const FAPI2_SP = "https://openid.net/specs/fapi-security-profile-2_0-final.html";
export const PINGONE_APPLICATIONS = "https://apidocs.pingidentity.com/pingone/platform/v1/api/#applications";
/** PingOne's application-secret API and its best practice "regenerate application secrets regularly". */
export const PINGONE_APPLICATION_SECRET = "https://developer.pingidentity.com/pingone-api/platform/applications/application-secret.html";

/** RFC 9700, the OAuth 2.0 Security Best Current Practice, as a compliance framework. */
export function rfc9700(specification: string): PolicyComplianceFramework {
  return {
    name: "OAuth 2.0 Security Best Current Practice",
    version: "RFC 9700",
    reference: "https://www.rfc-editor.org/rfc/rfc9700",
    specification,
  };
}

/** FAPI 2.0 Security Profile, as a compliance framework. */
export function fapi2(specification: string): PolicyComplianceFramework {
  return { name: "FAPI 2.0 Security Profile", version: "2.0", reference: FAPI2_SP, specification };
}

/** PingOne's create-grant page: "Worker apps that have the client_credentials grant type do not support OIDC scopes". */
export const PINGONE_CREATE_GRANT = "https://developer.pingidentity.com/pingone-api/platform/applications/application-resource-grants/create-grant.html";
/** PingOne's sign-on policy assignments of an application. */
export const PINGONE_SIGN_ON_POLICY_ASSIGNMENTS =
  "https://developer.pingidentity.com/pingone-api/platform/applications/application-sign-on-policy-assignments.html";
/** The Terraform provider's `pingone_application_resource_grant`: "the openid scope should not be included". */
export const TF_APPLICATION_RESOURCE_GRANT =
  "https://github.com/pingidentity/terraform-provider-pingone/blob/main/docs/resources/application_resource_grant.md";
/** OpenID Connect Core §5.4: the profile, email, address and phone scopes request claims about the end-user. */
export const OIDC_CORE_SCOPE_CLAIMS = "https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims";
