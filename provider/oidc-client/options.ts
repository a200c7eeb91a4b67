/**
 * The sign-in options of `OidcClient` (`scopes`, `signOnPolicy`): their checks and what they turn
 * into. The component runs in the Pulumi program, so these checks run when the program builds its
 * resources, during `pulumi preview` as during `up`: a bad option fails the program before any
 * request is sent, naming the component and the option. Values that are Outputs are checked when
 * they resolve (during preview when they are known then).
 *
 * Which child resources exist cannot wait for an Output: Pulumi must know its resources when the
 * program declares them. So the grant is decided from the values the program holds in plain form
 * (`scopes`, `application.type`, `application.grantTypes`); see `planScopes`.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  DEFAULT_SIGN_ON_POLICY_NAME,
  MAX_SIGN_ON_POLICY_PRIORITY,
  MIN_SIGN_ON_POLICY_PRIORITY,
  OPENID_SCOPE,
  OPENID_SCOPE_NAMES,
  openIdScopesUnusableReason,
} from "../../pingone";
import { InputError } from "../kernel/errors";
import { excerpt } from "../kernel/excerpt";
import { DEFAULT_OIDC_SCOPES, DEFAULT_SIGN_ON_POLICY_PRIORITY } from "./defaults";

export { DEFAULT_OIDC_SCOPES, DEFAULT_SIGN_ON_POLICY_PRIORITY } from "./defaults";

/** The sign-on policy an `OidcClient` assigns to its application. */
export interface OidcClientSignOnPolicy {
  /** The policy by name, e.g. `"Single_Factor"`. Exactly one of name and id. */
  name?: pulumi.Input<string>;
  /** The policy by id. */
  id?: pulumi.Input<string>;
  /** An integer from 1 to 2147483647; 1 (the default) is evaluated first. */
  priority?: pulumi.Input<number>;
}

const SIGN_ON_POLICY_OPTIONS = ["name", "id", "priority"] as const;

/** A bad `OidcClient` option, found before any request. */
export class OidcClientInputError extends InputError {
  override name = "OidcClientInputError";
  constructor(
    readonly component: string,
    readonly problems: readonly string[],
  ) {
    super(`OidcClient ${JSON.stringify(component)}: ${problems.join("; ")}`);
  }
}

/** A list of strings that the program holds in plain form, or undefined (an Output, a Promise, absent). */
function plainStrings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === "string") ? value : undefined;
}

/** Whether a value is held in plain form (neither an Output nor a Promise). */
function isPlain(value: unknown): boolean {
  return !pulumi.Output.isInstance(value) && !(value instanceof Promise);
}

/**
 * Whether a list is held in plain form all through: YAML and the generated SDKs let each item of
 * a list be an Output of its own (`StringArrayInput` in Go), and such a list is known only when
 * its items resolve.
 */
function isPlainList(value: unknown): boolean {
  return isPlain(value) && (!Array.isArray(value) || value.every(isPlain));
}

/**
 * An object given whole as an Output (or a Promise), as one Output per key. A key the object does
 * not hold resolves to a plain undefined, which the SDK leaves out of a resource's inputs; taken
 * from a secret Output it would be a secret undefined, which the SDK sends as a secret null. A key
 * it holds keeps the whole's secretness and dependencies.
 */
export function fieldsOf<K extends string>(whole: unknown, keys: readonly K[]): Record<K, pulumi.Output<unknown>> {
  const object = pulumi.output(whole) as pulumi.Output<Record<string, unknown> | undefined>;
  const field = (key: K): pulumi.Output<unknown> =>
    pulumi.unsecret(object).apply((value) => (value?.[key] === undefined ? undefined : object.apply((held) => held?.[key])));
  return Object.fromEntries(keys.map((key) => [key, field(key)])) as Record<K, pulumi.Output<unknown>>;
}

/**
 * What is wrong with a `scopes` value, each problem naming `scopes` or `scopes[i]`. Only the
 * openid resource's scope names are accepted: a custom resource's scopes are granted with an
 * `ApplicationResourceGrant` of their own.
 */
export function scopeProblems(scopes: unknown): string[] {
  const allowed = `allowed values: ${OPENID_SCOPE_NAMES.join(", ")} (the scopes of PingOne's openid resource; grant a custom resource's scopes with an ApplicationResourceGrant)`;
  if (!Array.isArray(scopes)) {
    return [`scopes must be a list of scope names, got ${excerpt(scopes)}; ${allowed}`];
  }
  // A valid list holds each name at most once; anything longer is refused before it is walked.
  if (scopes.length > OPENID_SCOPE_NAMES.length) {
    return [`scopes has ${scopes.length} entries; allowed: at most ${OPENID_SCOPE_NAMES.length} distinct names, ${allowed}`];
  }
  const problems: string[] = [];
  const seen = new Map<string, number>();
  scopes.forEach((scope: unknown, index) => {
    if (typeof scope !== "string") {
      problems.push(`scopes[${index}] must be a scope name, got ${excerpt(scope)}; ${allowed}`);
    } else if (!(OPENID_SCOPE_NAMES as readonly string[]).includes(scope)) {
      problems.push(`scopes[${index}] ${excerpt(scope)} is not an OpenID Connect scope; ${allowed}`);
    } else if (seen.has(scope)) {
      problems.push(`scopes[${index}] ${excerpt(scope)} repeats scopes[${seen.get(scope)}]; list each scope once`);
    } else {
      seen.set(scope, index);
    }
  });
  return problems;
}

/** What a grant of the openid resource holds for these requested scopes: all but `openid`, which is never granted. */
export function grantedScopes(scopes: readonly string[]): string[] {
  return scopes.filter((scope) => scope !== OPENID_SCOPE);
}

/** The scopes an OidcClient requests, and those its grant holds (undefined: no grant). */
export interface ScopePlan {
  readonly requested: pulumi.Output<string[]>;
  readonly granted: pulumi.Input<string[]> | undefined;
  /** Why there is no grant although `scopes` was not given, for the docs and tests. */
  readonly noDefaultGrantReason?: string;
}

/** The parts of `application` the scope default depends on. */
export interface SignInShape {
  type?: unknown;
  grantTypes?: unknown;
}

/**
 * Decides the scopes and the grant:
 * - `scopes` given as a plain list: checked now; a grant holds the list minus `openid`, and there
 *   is no grant when nothing is left (`[]`, `["openid"]`).
 * - `scopes` given as an Output: checked when it resolves; a grant is always declared, so the list
 *   must hold a scope besides `openid` (a plain list is the way to have none).
 * - `scopes` absent: `["openid", "profile", "email"]` and a grant of `profile` and `email`, unless
 *   `application.type` and `application.grantTypes` are plain values that show the app cannot use
 *   OIDC scopes (a WORKER with CLIENT_CREDENTIALS, or no grant type that signs a user in); then
 *   it requests none and gets no grant. When either is an Output the grant is declared.
 */
export function planScopes(component: string, scopes: pulumi.Input<string[]> | undefined, application: SignInShape): ScopePlan {
  if (scopes === undefined) {
    const type = application.type;
    const grantTypes = plainStrings(application.grantTypes);
    const reason = typeof type === "string" && grantTypes !== undefined ? openIdScopesUnusableReason(type, grantTypes) : undefined;
    if (reason !== undefined) {
      return { requested: pulumi.output([]), granted: undefined, noDefaultGrantReason: reason };
    }
    return { requested: pulumi.output([...DEFAULT_OIDC_SCOPES]), granted: grantedScopes(DEFAULT_OIDC_SCOPES) };
  }
  if (isPlainList(scopes)) {
    const list = checkedScopes(component, scopes);
    const granted = grantedScopes(list);
    return { requested: pulumi.output(list), granted: granted.length > 0 ? granted : undefined };
  }
  const requested = pulumi.output(scopes).apply((resolved) => checkedScopes(component, resolved));
  return { requested, granted: requested.apply((resolved) => declaredGrantScopes(component, resolved)) };
}

/** The scopes after their checks; throws OidcClientInputError. */
export function checkedScopes(component: string, scopes: unknown): string[] {
  const problems = scopeProblems(scopes);
  if (problems.length > 0) throw new OidcClientInputError(component, problems);
  return [...(scopes as string[])];
}

/** The scopes of a grant that is already declared (scopes given as an Output); throws when none is left. */
export function declaredGrantScopes(component: string, scopes: readonly string[]): string[] {
  const list = grantedScopes(scopes);
  if (list.length === 0) {
    throw new OidcClientInputError(component, [
      `scopes resolved to ${excerpt(scopes)}, which leaves nothing to grant besides openid; given as an Output, scopes always declares a grant, so give it as a plain list ([] or ["openid"]) to have none`,
    ]);
  }
  return list;
}

/** What is wrong with a `signOnPolicy` value, each problem naming `signOnPolicy.<option>`. */
export function signOnPolicyProblems(policy: unknown): string[] {
  if (typeof policy !== "object" || policy === null || Array.isArray(policy) || !isPlain(policy)) {
    return [`signOnPolicy must be an object { name | id, priority? }, got ${excerpt(policy)}`];
  }
  const problems: string[] = [];
  const options = policy as Record<string, unknown>;
  let unknownKeys = 0;
  for (const key in options) {
    if (!Object.prototype.hasOwnProperty.call(options, key) || (SIGN_ON_POLICY_OPTIONS as readonly string[]).includes(key)) continue;
    // Reports the first few: a typo is one key, and a runaway object is not walked to its end.
    if (++unknownKeys > 3) break;
    problems.push(`signOnPolicy has no option ${excerpt(key, 60)}; allowed: ${SIGN_ON_POLICY_OPTIONS.join(", ")}`);
  }
  const given = (key: "name" | "id"): boolean => options[key] !== undefined && options[key] !== null;
  if (given("name") && given("id")) {
    problems.push("signOnPolicy.name and signOnPolicy.id are both set; give exactly one");
  } else if (!given("name") && !given("id")) {
    problems.push(`signOnPolicy needs exactly one of name (e.g. ${JSON.stringify(DEFAULT_SIGN_ON_POLICY_NAME)}) and id`);
  }
  for (const key of ["name", "id"] as const) {
    const value = options[key];
    if (given(key) && isPlain(value) && (typeof value !== "string" || value.trim() === "")) {
      problems.push(`signOnPolicy.${key} must be a non-empty string, got ${excerpt(value)}`);
    }
  }
  const priority = options.priority;
  if (priority !== undefined && isPlain(priority)) {
    if (typeof priority !== "number" || !Number.isInteger(priority) || priority < MIN_SIGN_ON_POLICY_PRIORITY || priority > MAX_SIGN_ON_POLICY_PRIORITY) {
      problems.push(
        `signOnPolicy.priority must be an integer from ${MIN_SIGN_ON_POLICY_PRIORITY} to ${MAX_SIGN_ON_POLICY_PRIORITY} (${MIN_SIGN_ON_POLICY_PRIORITY} is evaluated first), got ${excerpt(priority)}`,
      );
    }
  }
  return problems;
}

/** A sign-on policy after its checks, with its priority defaulted. */
export type PlannedSignOnPolicy = Required<Pick<OidcClientSignOnPolicy, "priority">> & OidcClientSignOnPolicy;

/** Checks a `signOnPolicy` value and returns it with its priority defaulted; throws OidcClientInputError. */
export function checkedSignOnPolicy(component: string, policy: unknown): PlannedSignOnPolicy {
  const problems = signOnPolicyProblems(policy);
  if (problems.length > 0) throw new OidcClientInputError(component, problems);
  const options = policy as OidcClientSignOnPolicy;
  return { ...options, priority: options.priority ?? DEFAULT_SIGN_ON_POLICY_PRIORITY };
}

/**
 * Checks `signOnPolicy` and returns it with its priority defaulted; throws OidcClientInputError.
 * Given whole as an Output (a YAML `fn::secret`, a Go `OidcClientSignOnPolicyOutput`), it is checked
 * when it resolves, and each option becomes an Output of its own.
 */
export function planSignOnPolicy(component: string, policy: pulumi.Input<OidcClientSignOnPolicy>): PlannedSignOnPolicy {
  if (isPlain(policy)) return checkedSignOnPolicy(component, policy);
  const checked = pulumi.output(policy).apply((resolved) => checkedSignOnPolicy(component, resolved));
  const options = fieldsOf(checked, SIGN_ON_POLICY_OPTIONS);
  return {
    name: options.name as pulumi.Output<string>,
    id: options.id as pulumi.Output<string>,
    priority: options.priority as pulumi.Output<number>,
  };
}
