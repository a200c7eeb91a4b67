/** The provider's settings as a command reads them, the way `pulumi up` would give them to the provider. */
import { resolveSettings, type ConfigSource, type ProviderSettings } from "../provider/kernel/config";
import { UsageError } from "./errors";
import { PulumiStack } from "./pulumi-cli";

/** Where a command reads the settings from: a stack's config when one is named, and the environment. */
export interface SettingsSource {
  environmentId?: string;
  stack?: string;
  cwd: string;
  pulumiPath: string;
}

/**
 * The stack's config (with `--stack`), the provider's settings (stack config first, then the
 * `PINGONE_*` variables) and the environment to work on; a `UsageError` naming `alternatives` when
 * none is given.
 * @see resolveSettings
 */
export async function commandSettings(
  source: SettingsSource,
  env: NodeJS.ProcessEnv,
  alternatives = "--environment-id",
): Promise<{ config: ConfigSource | undefined; settings: ProviderSettings; environmentId: string }> {
  const stack = source.stack === undefined ? undefined : new PulumiStack({ pulumiPath: source.pulumiPath, cwd: source.cwd, stack: source.stack, env });
  const config = stack === undefined ? undefined : await stack.config();
  const settings = resolveSettings(config, env);
  const environmentId = source.environmentId ?? settings.environmentId;
  if (environmentId === undefined)
    throw new UsageError(`no environment: pass ${alternatives}, or set pingone:environmentId (with --stack) or PINGONE_ENVIRONMENT_ID`);
  return { config, settings, environmentId };
}
