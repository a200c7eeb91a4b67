/**
 * Credentials and endpoints. They are read when the provider runs (from the stack config handed
 * to `configure`, then from `PINGONE_*` environment variables) and are never captured into the
 * serialized provider or written to state.
 */
import { isRegionCode, REGION_SUFFIXES, regionApiUrl, regionAuthUrl, type RegionCode } from "../../pingone";
import { PingOneProviderError } from "./error-codes";
import { Redacted } from "./redact";

/**
 * What `configure` receives: the engine's view of the stack config (fully qualified keys).
 * @see ResourceLifecycle.configure (./lifecycle.ts)
 */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export interface ProviderSettings {
  /** Default environment for applications that do not set `environmentId`. */
  environmentId?: string;
  /** Worker application client id used for the client-credentials grant. */
  clientId?: string;
  /** Worker application client secret. */
  clientSecret?: Redacted;
  /** A ready bearer token; when set, no token request is made. */
  accessToken?: Redacted;
  regionCode: RegionCode;
  /** Management API base, e.g. `https://api.pingone.eu/v1`. */
  apiUrl: string;
  /** Auth base; the token endpoint is `${authUrl}/${environmentId}/as/token`. */
  authUrl: string;
  /**
   * The overall deadline of one provider operation (a create, read, update or delete, with every
   * retry, wait and reconciliation in it), in milliseconds.
   */
  operationTimeoutMs: number;
}

/**
 * Default deadline of one operation. A healthy PingOne answers in well under a second, and the
 * retry policy's longest single wait is 30 s, so two minutes leaves room for several rate-limited
 * retries while a server that drips its answer, or asks to be retried in a day, fails in bounded time.
 */
export const DEFAULT_OPERATION_TIMEOUT_SECONDS = 120;
/** The longest operation timeout accepted: a day. */
export const MAX_OPERATION_TIMEOUT_SECONDS = 86_400;
/** What a timeout in seconds may be, as error messages say it. */
export const TIMEOUT_ALLOWED = `a number of seconds greater than 0 and at most ${MAX_OPERATION_TIMEOUT_SECONDS}`;

/** Seconds from a timeout's text (`45`, `2.5`), or undefined when it is not one TIMEOUT_ALLOWED admits. */
export function parseTimeoutSeconds(text: string): number | undefined {
  const seconds = Number(text.trim());
  return /^\d+(\.\d+)?$/.test(text.trim()) && seconds > 0 && seconds <= MAX_OPERATION_TIMEOUT_SECONDS ? seconds : undefined;
}

/** Stack config key (namespace `pingone`) and environment variable of each setting. */
export const SETTING_SOURCES = {
  environmentId: { config: "pingone:environmentId", env: "PINGONE_ENVIRONMENT_ID" },
  clientId: { config: "pingone:clientId", env: "PINGONE_CLIENT_ID" },
  clientSecret: { config: "pingone:clientSecret", env: "PINGONE_CLIENT_SECRET" },
  accessToken: { config: "pingone:apiAccessToken", env: "PINGONE_API_ACCESS_TOKEN" },
  regionCode: { config: "pingone:regionCode", env: "PINGONE_REGION_CODE" },
  apiUrl: { config: "pingone:apiUrl", env: "PINGONE_API_URL" },
  authUrl: { config: "pingone:authUrl", env: "PINGONE_AUTH_URL" },
  operationTimeout: { config: "pingone:operationTimeout", env: "PINGONE_OPERATION_TIMEOUT" },
} as const;

/** A setting missing or outside its allowed values. */
export class ConfigurationError extends PingOneProviderError {
  override name = "ConfigurationError";
  constructor(message: string) {
    super("ERR_CONFIGURATION", message);
  }
}

function pick(key: keyof typeof SETTING_SOURCES, config: ConfigSource | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const source = SETTING_SOURCES[key];
  const value = config?.get(source.config) ?? env[source.env];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * Resolves the settings: stack config first, `PINGONE_*` environment variables as fallbacks.
 * @see SETTING_SOURCES
 */
export function resolveSettings(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const region = (pick("regionCode", config, env) ?? "NA").toUpperCase();
  if (!isRegionCode(region)) {
    throw new ConfigurationError(`pingone:regionCode (PINGONE_REGION_CODE) is "${region}"; allowed values: ${Object.keys(REGION_SUFFIXES).join(", ")}`);
  }
  const timeout = pick("operationTimeout", config, env) ?? String(DEFAULT_OPERATION_TIMEOUT_SECONDS);
  const timeoutSeconds = parseTimeoutSeconds(timeout);
  if (timeoutSeconds === undefined) {
    throw new ConfigurationError(
      `pingone:operationTimeout (PINGONE_OPERATION_TIMEOUT) is ${JSON.stringify(timeout.slice(0, 40))}; allowed: ${TIMEOUT_ALLOWED}`,
    );
  }
  const secret = pick("clientSecret", config, env);
  const token = pick("accessToken", config, env);
  return {
    environmentId: pick("environmentId", config, env),
    clientId: pick("clientId", config, env),
    clientSecret: secret === undefined ? undefined : new Redacted(secret),
    accessToken: token === undefined ? undefined : new Redacted(token),
    regionCode: region,
    apiUrl: stripTrailingSlash(pick("apiUrl", config, env) ?? regionApiUrl(region)),
    authUrl: stripTrailingSlash(pick("authUrl", config, env) ?? regionAuthUrl(region)),
    operationTimeoutMs: Math.round(timeoutSeconds * 1000),
  };
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
