/**
 * Test users: PingOne's users API (create, list, read, delete, set password), the /__admin
 * endpoint, `RunningEmulator.createUser` and the CLI's `--user`. Passwords are never answered.
 */
import { strict as assert } from "node:assert";
import { banner, CliUsageError, parseCliConfig } from "../../emulator/cli";
import { startEmulator } from "../../emulator";
import { MEDIA_TYPES } from "../../pingone";
import { str, TestClient, withEmulator } from "./helpers";

const PASSWORD_SET = MEDIA_TYPES.passwordSet;

describe("emulator: test users", () => {
  let client: TestClient;
  before(async () => {
    client = await withEmulator();
  });
  after(() => client.emu.close());

  const usersUrl = (): string => `${client.emu.apiUrl}/environments/${client.envId}/users`;

  it("creates a user in PingOne's shape, without a password, and reads and lists it", async () => {
    const created = await client.call("POST", usersUrl(), { username: "ada", email: "ada@example.com", name: { given: "Ada", family: "Lovelace" } });
    assert.equal(created.status, 201);
    const user = created.body!;
    assert.equal(user.username, "ada");
    assert.equal(user.enabled, true);
    assert.deepEqual(user.name, { given: "Ada", family: "Lovelace" });
    assert.deepEqual(user.environment, { id: client.envId });
    assert.equal(typeof (user.population as { id: string }).id, "string");
    assert.equal(created.headers.get("location"), `${usersUrl()}/${str(user.id)}`);

    const read = await client.call("GET", `${usersUrl()}/${str(user.id)}`);
    assert.deepEqual(read.body, user);
    const list = await client.call("GET", `${usersUrl()}?filter=${encodeURIComponent('username eq "ADA"')}`);
    assert.deepEqual(list.body?._embedded, { users: [user] });
    assert.equal(list.body?.count, 1);
  });

  it("refuses a duplicate username (case-insensitive) with UNIQUENESS_VIOLATION, and a missing one", async () => {
    await client.call("POST", usersUrl(), { username: "grace" });
    const dup = await client.call("POST", usersUrl(), { username: "GRACE" });
    assert.equal(dup.status, 400);
    assert.equal(dup.body?.code, "INVALID_DATA");
    assert.deepEqual(dup.body?.details, [{ code: "UNIQUENESS_VIOLATION", target: "username", message: "is unique but a non-unique value is provided" }]);
    const missing = await client.call("POST", usersUrl(), { email: "x@example.com" });
    assert.equal((missing.body?.details as { code: string; target: string }[])[0].target, "username");
  });

  it("sets a password only with PingOne's media type and never answers it", async () => {
    const { body } = await client.call("POST", usersUrl(), { username: "linus" });
    const url = `${usersUrl()}/${str(body!.id)}/password`;
    const plain = await client.call("PUT", url, { value: "Secret-1234", forceChange: false });
    assert.equal(plain.status, 415);
    const set = await client.call("PUT", url, { value: "Secret-1234", forceChange: false }, { "content-type": PASSWORD_SET });
    assert.equal(set.status, 200);
    assert.equal(set.body?.status, "OK");
    const read = await client.call("GET", `${usersUrl()}/${str(body!.id)}`);
    assert.equal(JSON.stringify(read.body).includes("Secret-1234"), false);
    assert.equal(JSON.stringify(set.body).includes("Secret-1234"), false);
  });

  it("accepts a password on create only through the import media type", async () => {
    const plain = await client.call("POST", usersUrl(), { username: "imp1", password: { value: "pw-12345", forceChange: false } });
    assert.equal(plain.status, 400);
    assert.equal((plain.body?.details as { target: string }[])[0].target, "password");
    const imported = await client.call(
      "POST",
      usersUrl(),
      { username: "imp2", password: { value: "pw-12345", forceChange: false } },
      { "content-type": MEDIA_TYPES.userImport },
    );
    assert.equal(imported.status, 201);
    assert.equal(JSON.stringify(imported.body).includes("pw-12345"), false);
  });

  it("keeps passwords out of the request log", async () => {
    const { body } = await client.call(
      "POST",
      usersUrl(),
      { username: "logged", password: { value: "Log-pw-9876" } },
      { "content-type": MEDIA_TYPES.userImport },
    );
    await client.call("PUT", `${usersUrl()}/${str(body!.id)}/password`, { value: "Log-pw-5432" }, { "content-type": PASSWORD_SET });
    const log = JSON.stringify(client.emu.requestLog());
    assert.ok(log.includes("/users"));
    assert.equal(log.includes("Log-pw-9876") || log.includes("Log-pw-5432"), false);
  });

  it("deletes a user (then 404)", async () => {
    const { body } = await client.call("POST", usersUrl(), { username: "gone" });
    const url = `${usersUrl()}/${str(body!.id)}`;
    assert.equal((await client.call("DELETE", url)).status, 204);
    assert.equal((await client.call("GET", url)).status, 404);
  });

  it("needs the worker's bearer token", async () => {
    const res = await fetch(usersUrl());
    assert.equal(res.status, 401);
  });

  it("creates users through /__admin (201 {id, username}; 409 when taken; 400 without a password)", async () => {
    const post = (body: unknown): Promise<Response> =>
      fetch(`${client.emu.adminUrl}/environments/${client.envId}/users`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const res = await post({ username: "admin-made", password: "pw-abcdef", givenName: "Ad" });
    assert.equal(res.status, 201);
    const body = (await res.json()) as { id: string; username: string };
    assert.deepEqual(Object.keys(body).sort(), ["id", "username"]);
    assert.equal((await post({ username: "admin-made", password: "x" })).status, 409);
    assert.equal((await post({ username: "no-password" })).status, 400);
    const read = await client.call("GET", `${usersUrl()}/${body.id}`);
    assert.deepEqual(read.body?.name, { given: "Ad" });
  });

  it("creates users through RunningEmulator.createUser and the startEmulator option", async () => {
    const made = client.emu.createUser({ username: "in-process", password: "pw-1" });
    assert.equal(made.username, "in-process");
    assert.throws(() => client.emu.createUser({ username: "in-process", password: "pw-2" }), /already taken/);
    assert.throws(() => client.emu.createUser({ username: "", password: "pw-2" }), TypeError);
    const emu = await startEmulator({ users: [{ username: "preset", password: "pw-3" }] });
    try {
      assert.equal((await new TestClient(emu).call("GET", `${emu.apiUrl}/environments/${emu.environmentId}/users`)).body?.count, 1);
    } finally {
      await emu.close();
    }
  });

  it("reads --user username:password (repeatable) and prints usernames, never passwords", async () => {
    const config = parseCliConfig(["--user", "alice:pa:ss", "--user", "bob:pw-bob"], {});
    assert.deepEqual(config.options.users, [
      { username: "alice", password: "pa:ss" },
      { username: "bob", password: "pw-bob" },
    ]);
    assert.throws(() => parseCliConfig(["--user", "nopassword"], {}), CliUsageError);
    assert.throws(() => parseCliConfig(["--user", ":pw"], {}), CliUsageError);
    const emu = await startEmulator(config.options);
    try {
      const text = banner(emu, false, config.options.users);
      assert.match(text, /alice, bob \(passwords not shown\)/);
      assert.equal(text.includes("pa:ss") || text.includes("pw-bob"), false);
    } finally {
      await emu.close();
    }
  });
});
