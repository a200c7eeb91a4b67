/** The one collector of a resource's check failures, and the assertions that fill it. */
import { UUID_PATTERN } from "../../pingone";
import { excerpt } from "./excerpt";
import { INTERNAL_INPUT_KEYS, isUnknown, type Inputs } from "./values";

/**
 * One input PingOne (or the provider's own bounds) would refuse, as the engine reports it.
 * @see https://www.pulumi.com/docs/iac/concepts/resources/dynamic-providers/ (`CheckFailure`)
 */
export interface CheckFailure {
  property: string;
  reason: string;
}

/**
 * How many failures one check reports; the rest are counted in one last failure.
 * @see InputChecks.list
 */
export const MAX_REPORTED_FAILURES = 50;

/** Longest property path a failure names in full. */
const MAX_PROPERTY_LENGTH = 300;

/**
 * What `environmentId` missing tells the user to do (the resource argument, stack config or environment).
 * @see SETTING_SOURCES (./config.ts)
 */
export const ENVIRONMENT_ID_MISSING = "is required: set the environmentId argument, stack config pingone:environmentId, or PINGONE_ENVIRONMENT_ID";

/**
 * The failures of one check of a resource's inputs. Every reason starts with the resource's label
 * and the property (`pingone:Application "web": grantTypes[1] is "X"; allowed values: …`), values
 * are echoed through `excerpt`, and at most MAX_REPORTED_FAILURES are kept. The assertion methods
 * name what they check, as oauth4webapi's `assertString(input, it)` does; each passes a value that
 * is unknown during preview (the engine's placeholder) without judging it.
 *
 * @see https://github.com/panva/oauth4webapi/blob/main/src/index.ts (`assertString`, `assertNumber`)
 */
export class InputChecks {
  private readonly kept: CheckFailure[] = [];
  private omitted = 0;
  private firstOmitted = "";

  /** @param label How failures name the resource: `pingone:<type> "<name>"` (see `resourceLabel`). */
  constructor(readonly label: string) {}

  /** Records that `property` (a path such as `redirectUris[2]`) fails: `problem` says how, and what is allowed. */
  fail(property: string, problem: string): void {
    // An empty key is a name too (`{ "": 1 }`): quoted, so that the failure still names it.
    const named = property === "" ? '""' : property.length > MAX_PROPERTY_LENGTH ? `${property.slice(0, MAX_PROPERTY_LENGTH)}…` : property;
    if (this.kept.length < MAX_REPORTED_FAILURES) {
      this.kept.push({ property: named, reason: `${this.label}: ${named} ${problem}` });
    } else {
      if (this.omitted === 0) this.firstOmitted = named;
      this.omitted++;
    }
  }

  /** The failures, the ones beyond MAX_REPORTED_FAILURES counted in a last one. */
  list(): CheckFailure[] {
    if (this.omitted === 0) return [...this.kept];
    const more = `and ${this.omitted} more failures, starting with ${this.firstOmitted} (check reports at most ${MAX_REPORTED_FAILURES})`;
    return [...this.kept, { property: this.firstOmitted, reason: `${this.label}: ${more}` }];
  }

  /** Every key of `inputs` is one of `allowed` (or the engine's own keys). */
  knownProperties(inputs: Inputs, resourceType: string, allowed: readonly string[]): void {
    const known = new Set<string>([...allowed, ...INTERNAL_INPUT_KEYS]);
    for (const key of Object.keys(inputs)) {
      if (!known.has(key)) this.fail(key, `is not a property of ${resourceType}; allowed properties: ${allowed.join(", ")}`);
    }
  }

  /** A PingOne id (UUID) when set; `what` says which one (`the id (UUID) of an existing application`). */
  uuid(property: string, value: unknown, what: string): void {
    if (value === undefined || isUnknown(value)) return;
    if (typeof value !== "string" || !UUID_PATTERN.regex.test(value)) this.fail(property, `is ${excerpt(value)}; allowed: ${what}`);
  }

  /** A PingOne id (UUID) that must be set; `missing` is the problem when it is not. */
  requiredUuid(property: string, value: unknown, what: string, missing = `is required; allowed: ${what}`): void {
    if (value === undefined) this.fail(property, missing);
    else this.uuid(property, value, what);
  }

  /** The environment a resource lives in: required (the provider's default already applied), a UUID. */
  environmentId(value: unknown): void {
    this.requiredUuid("environmentId", value, "a PingOne environment id (UUID)", ENVIRONMENT_ID_MISSING);
  }

  /** `true` or `false` when set. */
  boolean(property: string, value: unknown): void {
    if (value !== undefined && !isUnknown(value) && typeof value !== "boolean") this.fail(property, `is ${excerpt(value)}; allowed values: true, false`);
  }

  /** A string (any, empty too); false, with the failure recorded, when `value` is something else. */
  string(property: string, value: unknown): value is string {
    if (typeof value === "string") return true;
    this.fail(property, `must be a string, got ${excerpt(value)}`);
    return false;
  }

  /** A string with more than white space in it, when set (or always, when `required`). */
  nonEmptyString(property: string, value: unknown, required: boolean): void {
    if (value === undefined) {
      if (required) this.fail(property, "is required");
      return;
    }
    if (isUnknown(value)) return;
    if (typeof value !== "string" || value.trim() === "") this.fail(property, `must be a non-empty string, got ${excerpt(value)}`);
  }

  /**
   * Exactly one of two alternative properties of `inputs` is set. Not judged while either is
   * unknown (a preview of a value computed from another resource, which may resolve to nothing):
   * the check at `up` sees both.
   */
  exactlyOne(inputs: Inputs, a: string, b: string): void {
    if (isUnknown(inputs[a]) || isUnknown(inputs[b])) return;
    const hasA = inputs[a] !== undefined;
    const hasB = inputs[b] !== undefined;
    if (hasA === hasB) this.fail(hasA ? b : a, hasA ? `cannot be set together with ${a}; set one of them` : `or ${b} is required; set exactly one of them`);
  }
}
