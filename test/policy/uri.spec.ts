/**
 * URI classification (policy/uri.ts): RFC 3986 splitting, lowercasing, IPv6 brackets, userinfo,
 * the loopback set, private-use and dangerous schemes, wildcard, fragment.
 */
import assert from "node:assert/strict";
import {
  hasFragment,
  hasNonAsciiHost,
  hasWildcard,
  isAbsolute,
  isDangerousScheme,
  isLoopback,
  isLoopbackIpLiteral,
  isPrivateUseScheme,
  loopbackHosts,
  parseUri,
  suspiciousStructure,
} from "../../policy/uri";

describe("parseUri", () => {
  it("splits scheme, authority, host, port, path, query and fragment as written", () => {
    assert.deepEqual(parseUri("HTTPS://user:pw@RP.Example.com:8443/a/b?x=1&y=2#frag"), {
      raw: "HTTPS://user:pw@RP.Example.com:8443/a/b?x=1&y=2#frag",
      scheme: "HTTPS",
      schemeLower: "https",
      authority: "user:pw@RP.Example.com:8443",
      userinfo: "user:pw",
      host: "RP.Example.com",
      hostLower: "rp.example.com",
      port: "8443",
      path: "/a/b",
      query: "x=1&y=2",
      fragment: "frag",
    });
  });

  it("strips IPv6 brackets and keeps the port", () => {
    const uri = parseUri("http://[::1]:61023/cb");
    assert.equal(uri.host, "::1");
    assert.equal(uri.port, "61023");
    assert.equal(parseUri("http://[::1]/cb").port, undefined);
  });

  it("takes the host after the last '@'", () => {
    const uri = parseUri("https://rp.example.com@evil.example/cb");
    assert.equal(uri.userinfo, "rp.example.com");
    assert.equal(uri.hostLower, "evil.example");
  });

  it("parses private-use schemes with one or two slashes, and no authority for the RFC 8252 form", () => {
    const single = parseUri("com.example.app:/oauth2redirect/example-provider");
    assert.equal(single.scheme, "com.example.app");
    assert.equal(single.authority, undefined);
    assert.equal(single.path, "/oauth2redirect/example-provider");
    const double = parseUri("com.example.app://callback");
    assert.equal(double.host, "callback");
  });

  it("finds no scheme in relative references", () => {
    for (const raw of ["/oidc/callback", "//host/cb", "example.com/cb", "*", ""]) {
      assert.equal(parseUri(raw).scheme, undefined, raw);
    }
  });

  it("keeps an empty fragment distinct from none, and does not treat %23 as a fragment", () => {
    assert.equal(parseUri("https://a.example/cb#").fragment, "");
    assert.equal(parseUri("https://a.example/cb%23x").fragment, undefined);
  });
});

describe("URI predicates", () => {
  const hosts = loopbackHosts();

  it("loopback set: exactly 127.0.0.1, ::1, localhost after lowercasing", () => {
    for (const raw of ["http://127.0.0.1/cb", "http://[::1]:8080/cb", "http://localhost:8765/cb", "http://LOCALHOST/cb"]) {
      assert.ok(isLoopback(parseUri(raw), hosts), raw);
    }
    for (const raw of [
      "http://localhost.evil.example/cb",
      "http://localhost./cb",
      "http://127.0.0.2/cb",
      "http://0.0.0.0/cb",
      "http://app.localhost/cb",
      "http://[0:0:0:0:0:0:0:1]/cb",
      "http://evil.example\\@localhost/cb",
      "com.example.app:/cb",
    ]) {
      assert.ok(!isLoopback(parseUri(raw), hosts), raw);
    }
  });

  it("extra loopback hosts extend the set, lowercased and unbracketed", () => {
    const extended = loopbackHosts(["127.0.0.2", "[::FFFF:7F00:1]", " Dev.Local "]);
    assert.ok(isLoopback(parseUri("http://127.0.0.2/cb"), extended));
    assert.ok(isLoopback(parseUri("http://[::ffff:7f00:1]/cb"), extended));
    assert.ok(isLoopback(parseUri("http://dev.local/cb"), extended));
  });

  it("IP literals are 127.0.0.1 and ::1 only", () => {
    assert.ok(isLoopbackIpLiteral(parseUri("http://127.0.0.1/cb")));
    assert.ok(isLoopbackIpLiteral(parseUri("http://[::1]/cb")));
    assert.ok(!isLoopbackIpLiteral(parseUri("http://localhost/cb")));
  });

  it("absolute: a scheme, and a host for http(s)", () => {
    assert.ok(isAbsolute(parseUri("https://a.example/cb")));
    assert.ok(isAbsolute(parseUri("com.example.app:/cb")));
    for (const raw of ["/cb", "//host/cb", "example.com/cb", "*", "https:///cb", "https:cb"]) {
      assert.ok(!isAbsolute(parseUri(raw)), raw);
    }
  });

  it("dangerous and private-use schemes are disjoint, case-insensitive, and exclude http(s)", () => {
    for (const raw of ["javascript://host/%0aalert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "blob:https://a/x"]) {
      assert.ok(isDangerousScheme(parseUri(raw)), raw);
      assert.ok(!isPrivateUseScheme(parseUri(raw)), raw);
    }
    for (const raw of ["myapp://cb", "com.example.app:/cb", "Com.Example.App:/cb"]) {
      assert.ok(isPrivateUseScheme(parseUri(raw)), raw);
    }
    for (const raw of ["http://a/cb", "HTTPS://a/cb", "/relative"]) {
      assert.ok(!isPrivateUseScheme(parseUri(raw)), raw);
    }
  });

  it("wildcard anywhere, fragment including empty", () => {
    assert.ok(hasWildcard("https://*.example.com/cb"));
    assert.ok(hasWildcard("http://localhost:*/cb"));
    assert.ok(!hasWildcard("https://a.example/cb"));
    assert.ok(hasFragment(parseUri("https://a/cb#")));
    assert.ok(!hasFragment(parseUri("https://a/cb")));
  });

  it("non-ASCII host (homograph)", () => {
    assert.ok(hasNonAsciiHost(parseUri("https://ex\u0430mple.com/cb")));
    assert.ok(!hasNonAsciiHost(parseUri("https://xn--exmple-4nf.com/cb")));
  });

  it("suspicious structure: userinfo, backslash, dot-dot (plain or encoded), code/state params", () => {
    const problems = (raw: string) => suspiciousStructure(parseUri(raw));
    assert.equal(problems("https://rp.example.com@evil.example/cb").length, 1);
    assert.equal(problems("https://rp.example.com\\cb").length, 1);
    assert.equal(problems("https://rp.example.com/a/../cb").length, 1);
    assert.equal(problems("https://rp.example.com/a/%2E%2e/cb").length, 1);
    assert.equal(problems("https://rp.example.com/a/..").length, 1);
    assert.equal(problems("https://rp.example.com/cb?state=fixed").length, 1);
    assert.equal(problems("https://rp.example.com/cb?a=1&code=x").length, 1);
    assert.equal(problems("https://rp.example.com/cb?%63ode=x").length, 1, "percent-encoded name");
    assert.deepEqual(problems("https://rp.example.com/a..b/cb?codes=1&x=%zz"), []);
  });
});
