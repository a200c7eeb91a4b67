import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import { banner, CliUsageError, parseCliConfig } from "../../emulator/cli";
import { startEmulator } from "../../emulator";

describe("emulator: command line", () => {
  it("reads flags, with environment variables as fallback and flags winning", () => {
    const config = parseCliConfig(["--port", "4321", "--env-id", "env-a", "--env-id", "env-b", "--rate-429", "0.25", "--latency", "10"], {
      PINGONE_EMULATOR_PORT: "9999",
      PINGONE_EMULATOR_LATENCY_MS: "50",
      PINGONE_EMULATOR_STATUS_5XX: "502",
      PINGONE_EMULATOR_CLIENT_SECRET: "chosen",
      PINGONE_EMULATOR_TOKEN_LIFETIME: "60",
      PINGONE_EMULATOR_SEED: "3",
      PINGONE_EMULATOR_RATE_RESET_AFTER_COMMIT: "0.1",
    });
    assert.equal(config.options.port, 4321);
    assert.deepEqual(config.options.environmentIds, ["env-a", "env-b"]);
    assert.equal(config.options.clientSecret, "chosen");
    assert.equal(config.options.tokenLifetimeSeconds, 60);
    assert.equal(config.options.seed, 3);
    assert.deepEqual(config.options.faults, { latencyMs: 10, rate429: 0.25, status5xx: 502, rateResetAfterCommit: 0.1 });
    assert.equal(config.secretChosen, true);
    assert.deepEqual(parseCliConfig([], { PINGONE_EMULATOR_ENV_ID: "x, y" }).options.environmentIds, ["x", "y"]);
  });

  it("rejects unknown flags and non-numbers", () => {
    assert.throws(() => parseCliConfig(["--nope"], {}), CliUsageError);
    assert.throws(() => parseCliConfig(["--port", "eighty"], {}), CliUsageError);
    assert.throws(() => parseCliConfig(["--rate-5xx", ""], {}), CliUsageError);
  });

  it("prints URLs and export lines but never the client secret", async () => {
    const emu = await startEmulator({ clientSecret: "do-not-print-me" });
    try {
      for (const chosen of [true, false]) {
        const text = banner(emu, chosen);
        assert.equal(text.includes("do-not-print-me"), false);
        assert.ok(
          text.includes(
            `export PINGONE_API_URL=${emu.apiUrl} PINGONE_AUTH_URL=${emu.authUrl} PINGONE_ENVIRONMENT_ID=${emu.environmentId} PINGONE_CLIENT_ID=${emu.clientId}`,
          ),
        );
        assert.match(text, /\*{8}/);
      }
      assert.match(banner(emu, false), /--client-secret or PINGONE_EMULATOR_CLIENT_SECRET/);
    } finally {
      await emu.close();
    }
  });

  it("runs as a process, serves tokens and stops cleanly on SIGTERM", async function () {
    this.timeout(15000);
    const cli = path.join(__dirname, "..", "..", "emulator", "cli.js");
    const child = spawn(process.execPath, [cli, "--env-id", "cli-env", "--client-id", "cli-client"], {
      env: { ...process.env, PINGONE_EMULATOR_CLIENT_SECRET: "cli-secret-xyz" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (stdout += chunk));
    try {
      const deadline = Date.now() + 10000;
      while (!stdout.includes("PINGONE_CLIENT_ID=") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const authUrl = /PINGONE_AUTH_URL=(\S+)/.exec(stdout)?.[1];
      assert.ok(authUrl, `no auth URL in output: ${stdout}`);
      assert.ok(stdout.includes("PINGONE_ENVIRONMENT_ID=cli-env"));
      const res = await fetch(`${authUrl}/cli-env/as/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "cli-client", client_secret: "cli-secret-xyz" }).toString(),
      });
      assert.equal(res.status, 200);
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0);
      assert.equal(stdout.includes("cli-secret-xyz"), false, "the secret is never printed");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
