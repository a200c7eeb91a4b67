/** pulumi-pingone: PingOne OIDC applications as Pulumi resources. */
export { Application, type ApplicationArgs, type DeepInput } from "./application/application";
export { ApplicationSecret, type ApplicationSecretArgs } from "./application-secret/application-secret";
export { ApplicationResourceGrant, type ApplicationResourceGrantArgs } from "./resource-grant/resource-grant";
export { ApplicationSignOnPolicyAssignment, type ApplicationSignOnPolicyAssignmentArgs } from "./sign-on-policy-assignment/sign-on-policy-assignment";
export {
  APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
  APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN,
  CUSTOM_RESOURCES,
  dynamicTypeToken,
  PLUGIN_PACKAGE,
  pluginTypeToken,
} from "./resources";
export type { ApplicationSecretOutputs, ApplicationSecretProperties } from "./application-secret/types";
export type { AccessControl, ApplicationOutputs, ApplicationProperties, CorsSettings, Icon, MobileSettings, Signing } from "./application/types";
export { APPLICATION_PROPERTY_NAMES, APPLICATION_SECRET_TYPE_TOKEN, APPLICATION_TYPE_TOKEN } from "./application/properties";
export {
  APPLICATION_TYPES,
  GRANT_TYPES,
  PKCE_ENFORCEMENTS,
  RESPONSE_TYPES,
  TOKEN_ENDPOINT_AUTH_METHODS,
  type ApplicationTag,
  type ApplicationType,
  type CorsBehavior,
  type GrantType,
  type ParRequirement,
  type PkceEnforcement,
  type Protocol,
  type RefreshTokenType,
  type ResponseType,
  type TokenEndpointAuthMethod,
} from "../pingone";
export {
  AmbiguousOutcomeError,
  InputError,
  PingOneApiError,
  PingOneProviderError,
  PROVIDER_ERROR_CODES,
  UnknownInputError,
  type ApiErrorFields,
  type ProviderErrorCode,
} from "./kernel/errors";
export { DURATION_SYNTAX, formatDuration, parseDuration, parseRfc3339 } from "./kernel/duration";
export { ConfigurationError, resolveSettings, SETTING_SOURCES, type ProviderSettings } from "./kernel/config";
export { OidcClient, type OidcClientArgs, type OidcClientSignOnPolicy } from "./oidc-client/oidc-client";
export { DEFAULT_OIDC_SCOPES, OidcClientInputError } from "./oidc-client/options";
