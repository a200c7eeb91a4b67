/**
 * The ApplicationSecret provider: client-secret rotation mapped onto PingOne's secret endpoints.
 *
 * - check → validation, no request (see `check.ts` in this folder).
 * - diff → no request: a rotation is due when `rotateWhenChanged` changed or `rotationPeriod` has
 *   elapsed since `rotatedAt` (the clock against the state); another application replaces the
 *   resource. An expired previous secret is never a difference.
 * - create → one GET …/secret: the resource adopts the secret the application has. It does not
 *   rotate: a rotation without an overlap would cut off every client of an existing application
 *   at once, and a new application's secret is as fresh as a rotated one. `Application.clientSecret`
 *   and `ApplicationSecret.secret` then start out equal.
 * - update → one POST …/secret when a rotation is due (with `previous.expiresAt` when the
 *   replaced secret should keep working); one DELETE …/secret when `revokePreviousSecret` asks to
 *   end a previous secret still valid; no request when only settings changed.
 * - read (refresh) → one GET …/secret: the current and previous secrets as PingOne holds them,
 *   whoever rotated. A previous secret that expired simply disappears.
 * - delete → no request: PingOne has no way to delete an application's only secret, and the
 *   application keeps working with the current one.
 *
 * Rotation never blocks an apply: an expired previous secret is a normal state, and a fixed
 * `previousSecretExpiresAt` is only judged when a rotation uses it. (The Terraform provider's
 * `pingone_application_secret` fails every apply once its previous secret has expired:
 * https://github.com/pingidentity/terraform-provider-pingone/issues/1359.)
 *
 * A rotation whose outcome is unknown (the connection dropped after PingOne committed it) is
 * settled by reading the secret afterwards, never repeated blindly: if the secret is no longer
 * the one known before, or the previous secret carries exactly the expiry this rotation asked
 * for, the rotation happened. If even that read fails, the outputs record the pending rotation
 * and the next `up` or `refresh` settles it first.
 */
import type { AmbiguousWriteError, ApplicationSecretAnswer, PingOneClient, Caller } from "../http/client";
import { InputError, ResourceInitError } from "../kernel/errors";
import {
  PENDING_ROTATION_KEY,
  planSecret,
  previousExpiry,
  previousExpiryProblem,
  rotationHappened,
  secretOutputs,
  settled,
  TRIGGER_DIGEST_KEY,
  triggerDigest,
  withAnswer,
  type PendingRotation,
} from "./rotation";
import { validateSecretInputs } from "./check";
import { SECRET_SETTING_NAMES } from "./types";
import {
  gone,
  LifecycleBase,
  readUnlessGone,
  type CheckOutcome,
  type CreateOutcome,
  type DiffDecision,
  type ReadOutcome,
  type UpdateOutcome,
} from "../kernel/lifecycle";
import { reconcileWrite } from "../kernel/reconcile";
import type { Inputs } from "../kernel/values";

/** A rotation setting PingOne would refuse at the time of the rotation: a local failure, no request made. */
export class RotationSettingError extends InputError {
  override name = "RotationSettingError";
}

/** How often a rotation proven not to have happened is sent again. */
const MAX_ROTATION_ATTEMPTS = 3;

export class ApplicationSecretLifecycle extends LifecycleBase {
  protected readonly resourceKind = "ApplicationSecret";

  check(olds: Inputs, news: Inputs): Promise<CheckOutcome> {
    const inputs = this.withDefaults(news);
    return Promise.resolve({ inputs, failures: validateSecretInputs(inputs, this.label(inputs), olds, this.now()) });
  }

  diff(_id: string, olds: Inputs, news: Inputs): Promise<DiffDecision> {
    const plan = planSecret(olds, news, this.now());
    const changes = plan.replaces.length > 0 || plan.rotate !== undefined || plan.revoke || plan.pending || plan.settingsChanged;
    return Promise.resolve({ changes, replaces: plan.replaces, deleteBeforeReplace: false });
  }

  async create(inputs: Inputs): Promise<CreateOutcome> {
    this.refuseUnknowns(inputs, "create");
    const applicationId = String(inputs.applicationId);
    const current = await this.client().readApplicationSecret(String(inputs.environmentId), applicationId, this.caller(inputs));
    return { id: applicationId, outs: this.createdOutputs(inputs, current) };
  }

  /**
   * What `create` records when it adopts the application's `current` secret, with checked `inputs`:
   * never a rotation. Sends nothing; `pulumi-pingone adopt` computes an import file's outputs with it.
   * @see secretOutputs
   */
  createdOutputs(inputs: Inputs, current: ApplicationSecretAnswer): Inputs {
    return secretOutputs(inputs, current, new Date(this.now()).toISOString(), triggerDigest(inputs.rotateWhenChanged));
  }

  async read(id: string, props: Inputs): Promise<ReadOutcome> {
    const client = this.client();
    // The application is gone: so is its secret.
    const current = await readUnlessGone(() => client.readApplicationSecret(String(props.environmentId), id, this.caller(props)));
    if (current === undefined) return gone();
    // A state that never went through create (the plugin's `pulumi import` by id) records what
    // create would have: the secret adopted now, no rotation. Every created state has `rotatedAt`.
    if (props.rotatedAt === undefined) return { id, props: this.createdOutputs(props, current) };
    return { id, props: settled(props, current) };
  }

  async update(id: string, olds: Inputs, news: Inputs): Promise<UpdateOutcome> {
    // `check` lets the placeholder through (a preview cannot be told from an update there); by now
    // every value is known, so the placeholder is literal text that must not reach PingOne.
    this.refuseUnknowns(news, "update");
    const client = this.client();
    const environmentId = String(olds.environmentId);
    const now = this.now();
    let held = olds;
    if (held[PENDING_ROTATION_KEY] !== undefined) {
      // An earlier rotation's outcome is unknown: settle it before deciding anything.
      held = settled(held, await client.readApplicationSecret(environmentId, id, this.caller(news)));
    }
    const plan = planSecret(held, news, now);
    const settings: Inputs = { ...held, __autoname: news.__autoname };
    for (const key of SECRET_SETTING_NAMES) settings[key] = news[key];
    for (const key of Object.keys(settings)) if (settings[key] === undefined) delete settings[key];

    if (plan.rotate !== undefined) {
      const expiresAt = this.previousExpiresAt(news, now);
      const trigger = triggerDigest(news.rotateWhenChanged);
      const pending: PendingRotation = { trigger, startedAt: new Date(now).toISOString(), expiresAt };
      const answer = await this.rotate(client, environmentId, id, news, settings, pending);
      return { outs: { ...withAnswer(settings, answer), rotatedAt: pending.startedAt, [TRIGGER_DIGEST_KEY]: trigger } };
    }
    if (plan.revoke) {
      await client.revokePreviousApplicationSecret(environmentId, id, this.caller(news));
      const { previousSecret: _secret, previousExpiresAt: _expiresAt, ...outs } = settings;
      return { outs };
    }
    return { outs: settings };
  }

  /** Sends nothing (see the module comment): the engine just forgets the resource. */
  delete(): Promise<void> {
    return Promise.resolve();
  }

  /** The `previous.expiresAt` for a rotation now, checked against PingOne's range first. */
  private previousExpiresAt(inputs: Inputs, now: number): string | undefined {
    if (inputs.revokePreviousSecret === true) return undefined;
    const expiresAt = previousExpiry(inputs, now);
    const problem = expiresAt === undefined ? undefined : previousExpiryProblem(Date.parse(expiresAt), now);
    if (problem !== undefined) {
      // Only a fixed time can get here (check bounds a duration): time passed since the preview.
      const property = typeof inputs.previousSecretValidFor === "string" ? "previousSecretValidFor" : "previousSecretExpiresAt";
      throw new RotationSettingError(
        `${this.label(inputs)}: rotate application secret: ${property} gives previous.expiresAt ${String(expiresAt)}, which ${problem}; nothing was sent to PingOne`,
      );
    }
    return expiresAt;
  }

  /**
   * POSTs the rotation; when its outcome is unknown, reads the secret and decides from it whether
   * the rotation happened, sending it again only when it proved not to have.
   */
  private rotate(
    client: PingOneClient,
    environmentId: string,
    id: string,
    news: Inputs,
    held: Inputs,
    pending: PendingRotation,
  ): Promise<ApplicationSecretAnswer> {
    const who = this.caller(news);
    return reconcileWrite(client, {
      subject: { operation: "rotate application secret", ...who, applicationId: id },
      maxAttempts: MAX_ROTATION_ATTEMPTS,
      write: () => client.rotateApplicationSecret(environmentId, id, pending.expiresAt, who),
      settle: async (ambiguous: AmbiguousWriteError) => {
        let current: ApplicationSecretAnswer;
        try {
          current = await client.readApplicationSecret(environmentId, id, who);
        } catch (error) {
          const problem = error instanceof Error ? error.message : String(error);
          const message = `${ambiguous.message}; reading the secret afterwards failed too (${problem}). The rotation may have happened: the next \`pulumi up\` or \`pulumi refresh\` reads the secret and records it, without rotating twice`;
          // Recorded so that the next run settles this rotation instead of sending another one.
          throw new ResourceInitError(message, id, { ...held, [PENDING_ROTATION_KEY]: pending, __provider: news.__provider });
        }
        if (rotationHappened(current, held.secret, pending.expiresAt)) return { kind: "done", value: current };
        return { kind: "not done", cause: "the secret read afterwards is unchanged, so the rotation did not happen" };
      },
    });
  }

  /** Who asks PingOne, as errors name it: the ApplicationSecret by its Pulumi name, and its application. */
  private caller(values: Inputs): Caller {
    return {
      resourceKind: this.resourceKind,
      applicationName: this.resourceName(values),
      applicationId: typeof values.applicationId === "string" ? values.applicationId : undefined,
    };
  }
}
