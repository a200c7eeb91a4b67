/**
 * Rules on the resources a sign-in needs (A01–A03): `ApplicationResourceGrant` and
 * `ApplicationSignOnPolicyAssignment`.
 *
 * - A01 (stack): the openid resource's scopes go only to applications that sign users in. Its
 *   `profile`, `email`, `address` and `phone` scopes ask for claims about the end-user (OIDC Core
 *   §5.4); a client-credentials app has no end-user, and PingOne says worker apps with
 *   client_credentials do not support OIDC scopes. Granting them anyway is privilege the client
 *   cannot use (RFC 9700 §2.3: privileges restricted to the minimum the client needs).
 * - A02 (resource): the `openid` scope itself is not granted. Every OIDC application may request
 *   it; PingOne's workflows grant only `profile`/`email`…, and the Terraform provider says it
 *   "should not be included".
 * - A03 (stack): a sign-on policy is assigned only to an application that signs users in; the
 *   policy decides how users authenticate, so on an app without users it is dead configuration.
 *
 * Not a rule: a grant or assignment on a disabled application. PingOne's own workflows create the
 * app, then its grant and policy, and `enabled` defaults to false; preparing a disabled app is the
 * normal order, and the application rules already judge the app itself whether or not it is enabled.
 */
import type { PolicyResource } from "@pulumi/policy";
import { APPLICATION_RESOURCE_GRANT_TYPE_TOKEN, APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN, type ApplicationResourceGrantArgs } from "../../provider";
import { noUserSignInReason, OPENID_RESOURCE_NAME, OPENID_SCOPE, openIdScopesUnusableReason, USER_SIGN_IN_GRANT_TYPES } from "../../pingone";
import { cannotJudge } from "../preview";
import type { BaseConfig, ParamSchemas } from "./config";
import { appType, grantTypes, show } from "./predicates";
import { defineRule, finding } from "./rule";
import { OIDC_CORE_SCOPE_CLAIMS, PINGONE_CREATE_GRANT, PINGONE_SIGN_ON_POLICY_ASSIGNMENTS, RFC9700, TF_APPLICATION_RESOURCE_GRANT } from "./sources";
import { applicationOf, applicationProps, defineStackRule, forEachSubject, named } from "./stack-rule";

/** An ApplicationResourceGrant's input props as the pack sees them. */
export type GrantInput = { readonly [K in keyof ApplicationResourceGrantArgs]?: unknown };

/** Parameters of A01 and A03. */
export interface SignInGrantTypesConfig {
  /** Grant types with which a user signs in. */
  readonly signInGrantTypes: readonly string[];
}

const SIGN_IN_GRANT_TYPES_PARAM: ParamSchemas<SignInGrantTypesConfig> = {
  signInGrantTypes: {
    type: "array",
    items: { type: "string", minLength: 1 },
    uniqueItems: true,
    default: [...USER_SIGN_IN_GRANT_TYPES],
    description:
      "Grant types with which a user signs in to the application (default AUTHORIZATION_CODE, IMPLICIT, DEVICE_CODE, CIBA). " +
      "Add TOKEN_EXCHANGE if your exchanged tokens carry a user's identity claims.",
  },
};

/** Whether a grant is of the openid resource, as far as its props say (by name; a grant by resourceId cannot be told). */
function isOpenIdGrant(grant: PolicyResource): boolean {
  return (grant.props as GrantInput).resourceName === OPENID_RESOURCE_NAME;
}

/** The grant's scopes for messages: the names when known, else a generic phrase. */
function scopesOf(grant: GrantInput): string {
  const scopes = grant.scopes;
  return Array.isArray(scopes) && scopes.every((s) => typeof s === "string") ? `scopes ${scopes.join(", ")}` : "scopes";
}

/** A01: the openid resource's scopes only for applications that sign users in. */
export const openIdScopesNeedUserSignIn = defineStackRule<SignInGrantTypesConfig>({
  resourceType: APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
  code: "A01",
  name: "openid-scopes-need-user-sign-in",
  description:
    "An ApplicationResourceGrant of the openid resource is for an application of the stack that signs users in: not a WORKER with " +
    "CLIENT_CREDENTIALS (PingOne: no OIDC scopes), and with a grant type of signInGrantTypes. Joined by the grant's applicationId dependency.",
  enforcementLevel: "mandatory",
  severity: "medium",
  url: PINGONE_CREATE_GRANT,
  tags: ["oauth", "oidc", "scopes", "least-privilege"],
  params: SIGN_IN_GRANT_TYPES_PARAM,
  check(ctx) {
    forEachSubject(ctx.subjects, (grant) => {
      if (!isOpenIdGrant(grant)) return;
      const app = applicationOf(grant);
      if (app === undefined) return;
      const props = applicationProps(app);
      const reason = openIdScopesUnusableReason(appType(props), [...grantTypes(props)], ctx.config.signInGrantTypes);
      if (reason === undefined) return;
      ctx.report(
        finding(
          `ApplicationResourceGrant ${named(grant)} grants the openid resource's ${scopesOf(grant.props as GrantInput)} to Application ${named(app)}, which cannot use them: ${reason}.`,
          `PingOne (worker apps with client_credentials do not support OIDC scopes, ${PINGONE_CREATE_GRANT}), OIDC Core §5.4 (these scopes request claims about the end-user, ${OIDC_CORE_SCOPE_CLAIMS}) and RFC 9700 §2.3 (privileges restricted to the minimum required)`,
          `delete the grant (an OidcClient of such an app grants nothing unless scopes is set: drop its scopes), or give the application a grant type that signs a user in (${ctx.config.signInGrantTypes.join(", ")}).`,
        ),
        grant,
      );
    });
  },
});

/** A02: the openid scope is requested, never granted. */
export const openIdScopeNotGranted = defineRule<BaseConfig, GrantInput>({
  resourceType: APPLICATION_RESOURCE_GRANT_TYPE_TOKEN,
  code: "A02",
  name: "openid-scope-not-granted",
  description:
    'An ApplicationResourceGrant of the openid resource does not list the "openid" scope: every OIDC application may request it, ' +
    "and the Terraform provider says it should not be included.",
  enforcementLevel: "advisory",
  severity: "low",
  url: TF_APPLICATION_RESOURCE_GRANT,
  tags: ["oidc", "scopes"],
  params: {},
  check(ctx) {
    const grant = ctx.app;
    if (grant.resourceName !== OPENID_RESOURCE_NAME) {
      ctx.notApplicable(`applies only to grants of the openid resource by resourceName; resourceName is ${show(grant.resourceName)}`);
    }
    const scopes = grant.scopes;
    if (!Array.isArray(scopes)) {
      if (grant.scopeIds !== undefined) {
        throw cannotJudge(
          ["scopeIds"],
          'the grant gives its scopes as ids (scopeIds, or the Terraform bridge\'s scopes), which name no scope until they are resolved, so whether "openid" is granted is not judged; give the scopes by name, or run pulumi-pingone audit, which reads the names',
        );
      }
      ctx.notApplicable("the grant lists no scopes");
    }
    if ((scopes as unknown[]).includes(OPENID_SCOPE)) {
      const rest = (scopes as unknown[]).filter((scope) => scope !== OPENID_SCOPE);
      ctx.report(
        finding(
          `scopes ${show(scopes)} grants the "openid" scope of the openid resource.`,
          `PingOne's workflows, which grant only profile, email… of the openid resource, and the Terraform provider's pingone_application_resource_grant ("the openid scope should not be included", ${TF_APPLICATION_RESOURCE_GRANT})`,
          rest.length > 0
            ? `set scopes: ${show(rest)}; the client still requests "openid", which every OIDC application may.`
            : 'delete the grant; the client still requests "openid", which every OIDC application may.',
        ),
      );
    }
  },
});

/** A03: a sign-on policy only for applications that sign users in. */
export const signOnPolicyNeedsUserSignIn = defineStackRule<SignInGrantTypesConfig>({
  resourceType: APPLICATION_SIGN_ON_POLICY_ASSIGNMENT_TYPE_TOKEN,
  code: "A03",
  name: "sign-on-policy-needs-user-sign-in",
  description:
    "An ApplicationSignOnPolicyAssignment is for an application of the stack with a grant type of signInGrantTypes: a sign-on policy " +
    "decides how users authenticate, so on an application without users it is dead configuration. Joined by the applicationId dependency.",
  enforcementLevel: "advisory",
  severity: "low",
  url: PINGONE_SIGN_ON_POLICY_ASSIGNMENTS,
  tags: ["oidc", "sign-on-policy"],
  params: SIGN_IN_GRANT_TYPES_PARAM,
  check(ctx) {
    forEachSubject(ctx.subjects, (assignment) => {
      const app = applicationOf(assignment);
      if (app === undefined) return;
      const reason = noUserSignInReason([...grantTypes(applicationProps(app))], ctx.config.signInGrantTypes);
      if (reason === undefined) return;
      ctx.report(
        finding(
          `ApplicationSignOnPolicyAssignment ${named(assignment)} assigns a sign-on policy to Application ${named(app)}, but ${reason}: no user ever meets the policy.`,
          `PingOne's sign-on policy assignments (a sign-on policy governs how the application's users authenticate, ${PINGONE_SIGN_ON_POLICY_ASSIGNMENTS}) and RFC 9700 §2.3 (${RFC9700("2.3")}: nothing beyond what the client needs)`,
          "delete the assignment (drop signOnPolicy from the OidcClient), or give the application a grant type that signs a user in.",
        ),
        assignment,
      );
    });
  },
});

export const signInAccessRules = [openIdScopeNotGranted] as const;
export const signInAccessStackRules = [openIdScopesNeedUserSignIn, signOnPolicyNeedsUserSignIn] as const;
