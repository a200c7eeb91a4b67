/** pulumi-pingone: PingOne OIDC applications as Pulumi resources. */
export { Application, type ApplicationArgs, type DeepInput } from "./application";
export { ApplicationSecret, type ApplicationSecretArgs } from "./application-secret";
export type { ApplicationSecretOutputs, ApplicationSecretProperties } from "./secret-types";
export type {
  AccessControl,
  ApplicationOutputs,
  ApplicationProperties,
  CorsSettings,
  Icon,
  MobileSettings,
  Signing,
} from "./types";
export * from "./model";
export { PingOneApiError, type ApiErrorFields } from "./errors";
export { resolveSettings, SETTING_SOURCES, type ProviderSettings } from "./config";
export { OidcClient, type OidcClientArgs } from "./oidc-client";
