import type { ApiErrorFields, Operation, ResourceKind } from "../kernel/errors";

/**
 * Who is asking PingOne: the Pulumi resource an error names. Every endpoint family takes one, and
 * each fills in the operation and, from its own ids, the application.
 *
 * @see CallerOperation
 */
export interface Caller {
  /** The Pulumi resource kind; `Application` when absent. */
  readonly resourceKind?: ResourceKind;
  /** The name an error shows: an Application's display name, or another resource's Pulumi name. */
  readonly applicationName?: string;
  /** The application the resource is, or belongs to, once known. */
  readonly applicationId?: string;
}

/**
 * A caller at one operation: what an error says failed, and for whom.
 * @see errorSubject
 */
export type CallerOperation = Caller & { readonly operation: Operation };

/**
 * The fields of a `PingOneApiError` that name the operation and its caller.
 * @see PingOneApiError in provider/kernel/errors.ts
 */
export function errorSubject(asking: CallerOperation): Pick<ApiErrorFields, "operation" | "resourceKind" | "applicationName" | "applicationId"> {
  return { operation: asking.operation, resourceKind: asking.resourceKind, applicationName: asking.applicationName, applicationId: asking.applicationId };
}
