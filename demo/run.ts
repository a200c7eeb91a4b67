/**
 * `npm start`: deploys the root Pulumi.yaml stack to the embedded PingOne emulator with the real
 * engine, prints the outputs (secrets masked), shows that a second preview changes nothing and
 * sends no request, runs the stack under the policy pack, signs a demo user in to the web app and
 * the SPA with openid-client (show-signin.ts), and says how to target real PingOne.
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pingOneEnvironment, startEmulator } from "../emulator";
import { ensureEngine, REPO_ROOT } from "../scripts/engine";
import { inlineStack, pulumiCli, removeScratch, scratchDirs, type ScratchDirs } from "../scripts/workspace";
import type { Engine } from "../scripts/engine";
import { demoSignInOutputs, showSignIn } from "./show-signin";

const STACK = "demo";
const PROJECT = "pingone-demo";

function heading(text: string): void {
  console.log(`\n=== ${text}\n`);
}

async function cli(engine: Engine, dirs: ScratchDirs, args: string[], env: Record<string, string>, echo = false): Promise<string> {
  const result = await pulumiCli(engine, dirs, args, { cwd: REPO_ROOT, env, echo });
  if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
  return result.stdout;
}

function printOutputs(json: string): void {
  const outputs = JSON.parse(json) as Record<string, unknown>;
  const width = Math.max(...Object.keys(outputs).map((k) => k.length));
  for (const [key, value] of Object.entries(outputs)) console.log(`  ${key.padEnd(width)}  ${typeof value === "string" ? value : JSON.stringify(value)}`);
}

async function policyRun(engine: Engine, dirs: ScratchDirs, env: Record<string, string>): Promise<void> {
  const pack = join(REPO_ROOT, "policy");
  if (!existsSync(join(pack, "PulumiPolicy.yaml")) || !existsSync(join(REPO_ROOT, "dist", "policy", "index.js"))) {
    console.log("(no policy pack built; skipped)");
    return;
  }
  const program = join(REPO_ROOT, "dist", "demo", "index.js");
  const stack = await inlineStack(engine, dirs, {
    projectName: PROJECT,
    stackName: STACK,
    env,

    program: () => Promise.resolve((require(program) as () => Record<string, unknown>)()),
  });
  try {
    const result = await stack.preview({ policyPacks: [pack], onOutput: (text) => process.stdout.write(text) });
    console.log(`\npolicy: no mandatory violation (${JSON.stringify(result.changeSummary)})`);
  } catch (error) {
    console.log(`\npolicy: the preview was blocked by a mandatory violation (see above)`);
    if (process.env.DEBUG) console.error(error);
  }
}

async function main(): Promise<void> {
  const engine = await ensureEngine((line) => console.log(line));
  console.log(`engine: ${engine.kind} pulumi ${engine.version}`);
  const emulator = await startEmulator();
  const dirs = scratchDirs("pingone-demo");
  const stackFile = join(REPO_ROOT, `Pulumi.${STACK}.yaml`);
  const hadStackFile = existsSync(stackFile);
  const env = pingOneEnvironment(emulator);
  // The policy run's inline program executes in this process, so it reads the same settings.
  Object.assign(process.env, env);
  try {
    heading(`PingOne emulator at ${emulator.baseUrl} (environment ${emulator.environmentId})`);
    await cli(engine, dirs, ["stack", "init", STACK], env);
    heading("pulumi up");
    await cli(engine, dirs, ["up", "--yes", "--stack", STACK], env, true);

    heading("Stack outputs (secrets masked)");
    printOutputs(await cli(engine, dirs, ["stack", "output", "--json", "--stack", STACK], env));
    console.log(
      `\n  applications in the emulator: ${emulator
        .applications()
        .map((a) => JSON.stringify(a.name))
        .join(", ")}`,
    );

    heading("A second preview: nothing to change, no request to PingOne");
    emulator.resetCounters();
    await cli(engine, dirs, ["preview", "--expect-no-changes", "--stack", STACK], env);
    console.log(`  preview reported no changes; requests PingOne received: ${emulator.counters().total}`);

    heading("The same stack under the OAuth policy pack (pulumi preview --policy-pack ./policy)");
    await policyRun(engine, dirs, env);

    heading("Sign-in through the emulator with openid-client (tokens masked)");
    // The outputs with their secrets, read into memory only: nothing of them is printed.
    const outputs = JSON.parse(await cli(engine, dirs, ["stack", "output", "--json", "--show-secrets", "--stack", STACK], env)) as Record<string, unknown>;
    await showSignIn(emulator, demoSignInOutputs(outputs));

    heading("Next: the same stack against real PingOne");
    console.log(
      [
        "  Create a worker application in PingOne (Client Credentials, Environment Admin role), then:",
        "    export PINGONE_ENVIRONMENT_ID=<environment id>",
        "    export PINGONE_CLIENT_ID=<worker client id>",
        "    export PINGONE_CLIENT_SECRET=<worker client secret>",
        "    export PINGONE_REGION_CODE=NA   # or EU, CA, AU, SG, AP",
        "    npm run build && pulumi up      # with your own Pulumi install and backend",
        "  or put them in stack config: pulumi config set pingone:clientId ...; pulumi config set --secret pingone:clientSecret ...",
        "  Then sign in for real: register a redirect URI your app serves (pulumi config set baseUrl https://app.example.com/callback),",
        "  open the authorization URL openid-client builds from `pulumi stack output webIssuer` and `webClientId` in a browser,",
        "  sign in on PingOne's hosted page, and exchange the code from the callback with authorizationCodeGrant.",
      ].join("\n"),
    );
  } finally {
    await emulator.close();
    removeScratch(dirs);
    if (!hadStackFile) rmSync(stackFile, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
