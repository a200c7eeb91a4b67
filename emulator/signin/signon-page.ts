/**
 * The emulator's hosted sign-on page (PingOne serves its own at `https://apps.pingone.com/{envId}/signon/?flowId=…`):
 * a username/password form that drives the flow API with fetch and then follows the flow's
 * `resumeUrl`, so a person can try a sign-in in a browser. Nothing dynamic is rendered on the
 * server: the page reads `flowId` from its own address, and finds the flow API beside itself
 * (both paths begin with `/{envId}`: pingone/endpoints.ts).
 */
import { ENDPOINTS, FLOW_STATUSES, MEDIA_TYPES } from "../../pingone";

/** What follows `{envId}` in the sign-on page's path (`/signon/`) and in the flow's (`/flows/{flowId}`). */
const SIGNON_TAIL = ENDPOINTS.signon.template.split("{envId}")[1];
const FLOW_TAIL = ENDPOINTS.flow.template.split("{envId}")[1];

export const SIGN_ON_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign on (PingOne emulator)</title>
<style>body{font:16px sans-serif;max-width:22em;margin:4em auto}label,input,button{display:block;width:100%;margin:.4em 0}#error{color:#b00}</style>
</head><body>
<h1>Sign on</h1>
<p>PingOne emulator: test users only.</p>
<form id="signon"><label>Username <input name="username" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button>Sign on</button></form><p id="error" role="alert"></p>
<script>
const flowUrl = location.pathname.slice(0, -${JSON.stringify(SIGNON_TAIL)}.length) + ${JSON.stringify(FLOW_TAIL)}.replace("{flowId}", encodeURIComponent(new URLSearchParams(location.search).get("flowId") || ""));
const show = (text) => { document.getElementById("error").textContent = text; };
fetch(flowUrl).then((r) => r.ok || show("This sign-on has expired: start again from the application."));
document.getElementById("signon").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const res = await fetch(flowUrl, {
    method: "POST",
    headers: { "content-type": ${JSON.stringify(MEDIA_TYPES.usernamePasswordCheck)} },
    body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
  });
  const flow = await res.json();
  if (flow.status === ${JSON.stringify(FLOW_STATUSES.completed)}) location.assign(flow.resumeUrl);
  else show((flow.details && flow.details[0] && flow.details[0].message) || flow.message || "Sign-on failed.");
});
</script></body></html>
`;
