/**
 * The Terraform bridge's PingOne resources, lifted into the shape the pack's rules read: the one
 * adapter between `pingone:index/…` (the Pulumi package bridged from
 * pingidentity/terraform-provider-pingone) and this package's resources.
 *
 * Shapes (policy/README.md, "The Terraform bridge's resources", has the table and a bridge program):
 * - `pingone:index/application:Application`: `name`, `description` and `enabled` at the top, the
 *   OIDC settings under `oidcOptions` with this package's names (`oidcOptions.grantTypes` is
 *   `grantTypes`). An app without `oidcOptions` (SAML, WS-Fed, external link) is not judged.
 * - `pingone:index/applicationSecret:ApplicationSecret`: `regenerateTriggerValues` (a map whose
 *   change rotates the secret, as `rotateWhenChanged` here) and `previous.expiresAt`.
 * - `pingone:index/applicationResourceGrant:ApplicationResourceGrant`: `resourceType`
 *   (`OPENID_CONNECT`, `PINGONE_API`, `CUSTOM`), `customResourceId`, and `scopes` as scope ids.
 * - `pingone:index/applicationSignOnPolicyAssignment:ApplicationSignOnPolicyAssignment`:
 *   `signOnPolicyId` and `priority`, as here.
 *
 * Absent fields take Terraform's defaults, not the API's: Terraform fills them in at plan time,
 * after the policy has seen the program's inputs, and then sends them. Two differ from what the
 * pack reads into an absent native field: replay protection (Terraform sends true; the API reads
 * absent as false) and the rolling duration (Terraform sends 180 days; the API reads absent as
 * unbounded). Fields are read lazily, so an unknown value at preview matters only to a rule that
 * reads it.
 *
 * @see https://github.com/pingidentity/terraform-provider-pingone/blob/v1.21.0/internal/service/sso/resource_application.go
 * @see https://github.com/pulumi/pulumi-terraform-bridge/blob/master/pkg/tfbridge/tokens/tokens.go (MakeStandard: the tokens)
 */
import type { PolicyResource } from "@pulumi/policy";
import {
  APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
  APPLICATION_SECRET_TYPE_TOKEN,
  APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN,
  APPLICATION_TYPE_TOKEN,
  CUSTOM_RESOURCES,
  dynamicTypeToken,
  pluginTypeToken,
} from "../provider";
import { OPENID_RESOURCE_NAME } from "../pingone";
import { isUnknownValueError } from "./preview";

/** The bridge's token for each of this package's resources. */
export const BRIDGE_TYPE_TOKENS: Readonly<Record<string, string>> = {
  [APPLICATION_TYPE_TOKEN]: "pingone:index/application:Application",
  [APPLICATION_SECRET_TYPE_TOKEN]: "pingone:index/applicationSecret:ApplicationSecret",
  [APPLICATION_RESOURCE_GRANT_TYPE_TOKEN]: "pingone:index/applicationResourceGrant:ApplicationResourceGrant",
  [APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN]: "pingone:index/applicationSignOnPolicyAssignment:ApplicationSignOnPolicyAssignment",
};

const NATIVE_TYPE_OF_BRIDGE = new Map(Object.entries(BRIDGE_TYPE_TOKENS).map(([native, bridge]) => [bridge, native]));

/**
 * The provider plugin's tokens (plugin/), whose resources have this package's shape exactly: the
 * same inputs, served for every Pulumi language. They are judged as the dynamic ones, unchanged.
 */
const NATIVE_TYPE_OF_PLUGIN = new Map(CUSTOM_RESOURCES.map((r) => [pluginTypeToken(r.type), dynamicTypeToken(r.type)]));

/**
 * Terraform's defaults for absent `oidc_options` attributes, each from resource_application.go at
 * v1.21.0 (line of the `Default:`).
 */
export const TERRAFORM_OIDC_DEFAULTS: Readonly<Record<string, unknown>> = {
  parRequirement: "OPTIONAL", // L1181 ENUMAPPLICATIONOIDCPARREQUIREMENT_OPTIONAL
  parTimeout: 60, // L1194 oidcOptionsParTimeoutDefault (L582)
  pkceEnforcement: "OPTIONAL", // L1207 ENUMAPPLICATIONOIDCPKCEOPTION_OPTIONAL
  allowWildcardInRedirectUris: false, // L1234
  refreshTokenDuration: 2592000, // L1257 oidcOptionsRefreshTokenDurationDefault (L605)
  refreshTokenRollingDuration: 15552000, // L1270 oidcOptionsRefreshTokenRollingDurationDefault (L612): 180 days
  additionalRefreshTokenReplayProtectionEnabled: true, // L1312
  supportUnsignedRequestObject: false, // L1321
  requireSignedRequestObject: false, // L1330
};

/** Application attributes that sit at the top of the bridge's resource, with Terraform's defaults. */
const TOP_LEVEL: Readonly<Record<string, unknown>> = {
  name: undefined,
  description: undefined,
  enabled: false, // L840
  environmentId: undefined,
};

/** The bridge grant's `resourceType` that names the openid resource. */
export const BRIDGE_OPENID_RESOURCE_TYPE = "OPENID_CONNECT";

type Props = Record<string, unknown>;

/** A resource as the rules read it. */
export interface Lifted {
  /** This package's token (the bridge token itself when the resource is not judged, with `notJudged`). */
  readonly type: string;
  readonly props: Props;
  /** Why the rules do not judge it (an application that is not OIDC). */
  readonly notJudged?: string;
  /** Writes a remediated native field back where the bridge keeps it. */
  readonly write: (field: string, value: unknown) => void;
}

/** This package's dynamic token for a bridge or plugin token, or the token itself. */
export function nativeTypeOf(type: string): string {
  return NATIVE_TYPE_OF_BRIDGE.get(type) ?? NATIVE_TYPE_OF_PLUGIN.get(type) ?? type;
}

export function isBridgeType(type: string): boolean {
  return NATIVE_TYPE_OF_BRIDGE.has(type);
}

function record(value: unknown): Props | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Props) : undefined;
}

/** An object whose fields are read from `read` when a rule reads them. */
function lazily(fields: readonly string[], read: (field: string) => unknown): Props {
  const out: Props = {};
  for (const field of fields) Object.defineProperty(out, field, { enumerable: true, get: () => read(field) });
  return out;
}

function writeTo(target: Props): (field: string, value: unknown) => void {
  return (field, value) => {
    target[field] = value;
  };
}

/**
 * An application none of whose fields can be read yet: every read throws the preview's unknown,
 * so each rule reports "can't run … during preview" instead of judging absent fields.
 */
function unknownApplication(unknown: unknown, props: Props): Lifted {
  const throwing = new Proxy(
    {},
    {
      get: () => {
        throw unknown;
      },
    },
  );
  return { type: APPLICATION_TYPE_TOKEN, props: throwing, write: writeTo(props) };
}

/** An Application: top-level fields and `oidcOptions`, with Terraform's defaults. */
function liftApplication(props: Props): Lifted {
  let oidc: Props | undefined;
  try {
    oidc = record(props.oidcOptions);
  } catch (error) {
    // All of oidcOptions is unknown at preview: neither OIDC nor not, yet.
    if (isUnknownValueError(error)) return unknownApplication(error, props);
    throw error;
  }
  if (oidc === undefined) {
    return { type: BRIDGE_TYPE_TOKENS[APPLICATION_TYPE_TOKEN], props, notJudged: "not an OIDC application (it has no oidcOptions)", write: writeTo(props) };
  }
  const fields = [...Object.keys(TOP_LEVEL), ...new Set([...Object.keys(oidc), ...Object.keys(TERRAFORM_OIDC_DEFAULTS)])];
  const lifted = lazily(fields, (field) => {
    if (field in TOP_LEVEL) return props[field] ?? TOP_LEVEL[field];
    return oidc[field] ?? TERRAFORM_OIDC_DEFAULTS[field];
  });
  return {
    type: APPLICATION_TYPE_TOKEN,
    props: lifted,
    write: (field, value) => {
      if (field in TOP_LEVEL) props[field] = value;
      else oidc[field] = value;
    },
  };
}

/** A secret: a rotation trigger map, and when the previous secret stops working. */
function liftSecret(props: Props): Lifted {
  return {
    type: APPLICATION_SECRET_TYPE_TOKEN,
    props: lazily(["environmentId", "applicationId", "rotateWhenChanged", "previousSecretExpiresAt"], (field) => {
      if (field === "rotateWhenChanged") return props.regenerateTriggerValues;
      if (field === "previousSecretExpiresAt") return record(props.previous)?.expiresAt;
      return props[field];
    }),
    write: writeTo(props),
  };
}

/** A grant: the openid resource by its type, a custom resource by id, and scopes as the ids they are. */
function liftGrant(props: Props): Lifted {
  return {
    type: APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
    props: lazily(["environmentId", "applicationId", "resourceName", "resourceId", "scopeIds"], (field) => {
      if (field === "resourceName") return props.resourceType === BRIDGE_OPENID_RESOURCE_TYPE ? OPENID_RESOURCE_NAME : undefined;
      if (field === "resourceId") return props.customResourceId;
      if (field === "scopeIds") return props.scopes;
      return props[field];
    }),
    write: writeTo(props),
  };
}

/** A resource of this package, or of the bridge, as the rules read it. */
export function lift(type: string, props: Props): Lifted {
  switch (NATIVE_TYPE_OF_BRIDGE.get(type)) {
    case APPLICATION_TYPE_TOKEN:
      return liftApplication(props);
    case APPLICATION_SECRET_TYPE_TOKEN:
      return liftSecret(props);
    case APPLICATION_RESOURCE_GRANT_TYPE_TOKEN:
      return liftGrant(props);
    case APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN:
      // The same names here and there: signOnPolicyId, priority, applicationId.
      return { type: APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN, props, write: writeTo(props) };
    default:
      return { type: NATIVE_TYPE_OF_PLUGIN.get(type) ?? type, props, write: writeTo(props) };
  }
}

/**
 * A stack's resources as the stack rules read them: bridge resources lifted, and the dependencies
 * between them pointing at the lifted copies. A stack without bridge resources is returned as is.
 */
export function liftResources(resources: readonly PolicyResource[]): readonly PolicyResource[] {
  const foreign = (type: string): boolean => isBridgeType(type) || NATIVE_TYPE_OF_PLUGIN.has(type);
  if (!resources.some((r) => foreign(r.type))) return resources;
  const copies = new Map<PolicyResource, PolicyResource>();
  for (const resource of resources) {
    const lifted = foreign(resource.type) ? lift(resource.type, resource.props as Props) : undefined;
    copies.set(resource, lifted === undefined ? resource : { ...resource, type: lifted.type, props: lifted.props });
  }
  const copyOf = (r: PolicyResource): PolicyResource => copies.get(r) ?? r;
  for (const [original, copy] of copies) {
    if (copy === original) continue;
    copy.dependencies = original.dependencies.map(copyOf);
    copy.propertyDependencies = Object.fromEntries(Object.entries(original.propertyDependencies).map(([key, deps]) => [key, deps.map(copyOf)]));
  }
  // A native resource that depends on a bridge one is not a case this package meets: both sides
  // of a dependency come from one program, and a program uses one of the two packages.
  return [...copies.values()];
}
