/**
 * A hostile middlebox on loopback in front of the real emulator: it passes requests through, and
 * for the requests a rule matches it mangles the answer the way broken proxies, load balancers and
 * compromised servers do (HTML instead of JSON, another application's id, 50 MB, one byte a
 * second, a redirect elsewhere, a Retry-After of days). PingOne itself never answers like this;
 * the provider must fail clearly, in bounded time, recording nothing as success.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ERROR_CODES, MANAGEMENT_API_VERSION_PREFIX } from "../../pingone";

export type HostileAction =
  /** Forward (so the request takes effect), then answer the upstream status with an HTML page that echoes the request's headers. */
  | "html"
  /** Answer 201 with an HTML page without forwarding: nothing was created. */
  | "html-not-forwarded"
  /** Forward, then answer with JSON cut short. */
  | "invalid-json"
  /** Forward, then answer with the same JSON keys reordered so that `secret` comes first, cut short. */
  | "invalid-json-secret-first"
  /** Forward, then answer without the `id`. */
  | "no-id"
  /** Forward, then answer with another application's id. */
  | "other-id"
  /**
   * Forward, then answer with the upstream JSON with the rule's `merge` written over its top-level
   * fields: another existing object's id, or another object's whole body.
   */
  | "merge"
  /** Drop the connection without forwarding and without an answer: nothing reached PingOne. */
  | "drop-not-forwarded"
  /** Forward, then answer with another environment's id. */
  | "other-environment"
  /** Forward a list, then answer with its first item's environment replaced by another's. */
  | "list-item-other-environment"
  /** Forward, then answer 201 where the API answers 200. */
  | "status-201"
  /** Forward, then answer with valid application JSON padded to 50 MB. */
  | "huge"
  /** Forward, then send the answer one byte a second. */
  | "drip"
  /** Answer 302 to another origin (the trap), without forwarding. */
  | "redirect"
  /** Answer 429 with Retry-After: 999999, without forwarding. */
  | "retry-after-days"
  /** Answer 404 with a gateway's HTML page (echoing the request's headers), without forwarding. */
  | "html-404"
  /** Answer 404 with a gateway's JSON (`{status, error: "Not Found", path}`, no PingOne `code`), without forwarding. */
  | "json-404"
  /** Answer PingOne's own 404 (`code: NOT_FOUND`), without forwarding. */
  | "pingone-404"
  /** Forward a list request, then answer its page with a `next` link back to the same page: the list never ends. */
  | "endless-list";

export interface HostileRule {
  method: string;
  path: RegExp;
  action: HostileAction;
  /** How many matching requests the rule applies to (default 1). */
  times?: number;
  /** For "merge": the fields written over the answer. */
  merge?: Record<string, unknown>;
}

export const OTHER_ID = "6f9619ff-8b86-4d11-b42d-00c04fc964ff";
export const OTHER_ENVIRONMENT_ID = "1d3e3a4f-0c55-4e1b-8d0f-8a3c2b9f7e11";
const HUGE_BYTES = 50 * 1024 * 1024;

interface Upstream {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export class HostileProxy {
  private rules: (HostileRule & { remaining: number })[] = [];
  /** Bearer tokens and Basic credentials seen on requests, to prove no message ever shows them. */
  readonly credentialsSeen = new Set<string>();
  /** Requests that reached the trap origin (a redirect target). Must stay empty. */
  readonly trapped: { method: string; url: string; authorization?: string }[] = [];
  /** When set, no answer carries a `Date` header (a gateway that strips it): nothing tells PingOne's time. */
  stripDate = false;
  private readonly open = new Set<ServerResponse>();
  /** Every request that reached the proxy, with its query string (the emulator's log has none). */
  readonly requests: { method: string; url: string }[] = [];
  /** Pages served by "endless-list" so far (each links a "next" that differs only in this count). */
  private loops = 0;

  private constructor(
    private readonly server: Server,
    private readonly trap: Server,
    private readonly upstreamPort: number,
  ) {}

  static async start(upstreamBaseUrl: string): Promise<HostileProxy> {
    const upstreamPort = Number(new URL(upstreamBaseUrl).port);
    const trap = createServer();
    const server = createServer();
    const proxy = new HostileProxy(server, trap, upstreamPort);
    trap.on("request", (req: IncomingMessage, res: ServerResponse) => {
      proxy.trapped.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization });
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
    server.on("request", (req: IncomingMessage, res: ServerResponse) => void proxy.handle(req, res));
    await Promise.all([listen(server), listen(trap)]);
    return proxy;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get trapUrl(): string {
    return `http://127.0.0.1:${(this.trap.address() as AddressInfo).port}`;
  }

  /** PINGONE_* settings that route the provider through the proxy. */
  environment(base: Record<string, string>): Record<string, string> {
    return { ...base, PINGONE_API_URL: `${this.baseUrl}${MANAGEMENT_API_VERSION_PREFIX}`, PINGONE_AUTH_URL: this.baseUrl };
  }

  set(...rules: HostileRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule, remaining: rule.times ?? 1 }));
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    this.trap.closeAllConnections();
    await Promise.all([new Promise((r) => this.server.close(r)), new Promise((r) => this.trap.close(r))]);
  }

  private take(method: string, path: string): HostileRule | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && r.method === method && r.path.test(path));
    if (!rule) return undefined;
    rule.remaining--;
    return rule;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.open.add(res);
    res.on("close", () => this.open.delete(res));
    res.on("error", () => undefined);
    if (this.stripDate) {
      res.sendDate = false;
      const writeHead = res.writeHead.bind(res) as (status: number, headers?: Record<string, string>) => ServerResponse;
      res.writeHead = ((status: number, headers: Record<string, string> = {}) =>
        writeHead(status, Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== "date")))) as typeof res.writeHead;
    }
    const authorization = req.headers.authorization;
    if (authorization) this.credentialsSeen.add(authorization.replace(/^(Bearer|Basic) /, ""));
    const body = await readAll(req);
    const method = req.method ?? "GET";
    this.requests.push({ method, url: req.url ?? "/" });
    const path = (req.url ?? "/").split("?")[0];
    const rule = this.take(method, path);
    const action = rule?.action;
    switch (action) {
      case "drop-not-forwarded":
        return void res.destroy();
      case "html-not-forwarded":
        return void res.writeHead(201, { "Content-Type": "text/html" }).end(htmlPage(req));
      case "redirect":
        return void res.writeHead(302, { Location: `${this.trapUrl}${req.url ?? "/"}` }).end();
      case "retry-after-days":
        return void res
          .writeHead(429, { "Retry-After": "999999", "Content-Type": "application/json" })
          .end(JSON.stringify({ code: ERROR_CODES.requestLimited, message: "slow down" }));
      case "html-404":
        return void res.writeHead(404, { "Content-Type": "text/html" }).end(htmlPage(req, "404 Not Found"));
      case "json-404":
        return void res
          .writeHead(404, { "Content-Type": "application/json" })
          .end(JSON.stringify({ timestamp: new Date().toISOString(), status: 404, error: "Not Found", path }));
      case "pingone-404":
        return void res.writeHead(404, { "Content-Type": "application/json" }).end(
          JSON.stringify({
            id: "0c4f6bd5-7d0e-4a3e-9c3e-2f1b6d0e9a11",
            code: ERROR_CODES.notFound,
            message: "The request could not be completed. The requested resource was not found.",
          }),
        );
      default:
        break;
    }
    const upstream = await this.forward(req, body);
    if (action === undefined) return void res.writeHead(upstream.status, upstream.headers).end(upstream.text);
    const json = (): Record<string, unknown> => JSON.parse(upstream.text) as Record<string, unknown>;
    // A mangled answer keeps the upstream's Date, as a proxy rewriting a body passes the headers on.
    const send = (status: number, value: unknown) =>
      res
        .writeHead(status, { "Content-Type": "application/json", ...(upstream.headers.date === undefined ? {} : { Date: upstream.headers.date }) })
        .end(JSON.stringify(value));
    switch (action) {
      case "html":
        return void res.writeHead(upstream.status, { "Content-Type": "text/html" }).end(htmlPage(req));
      case "invalid-json":
        return void res.writeHead(upstream.status, { "Content-Type": "application/json" }).end(upstream.text.slice(0, Math.max(1, upstream.text.length - 10)));
      case "invalid-json-secret-first": {
        const { secret, ...rest } = json();
        const text = JSON.stringify({ secret, ...rest });
        return void res.writeHead(upstream.status, { "Content-Type": "application/json" }).end(text.slice(0, text.length - 10));
      }
      case "no-id": {
        const app = json();
        delete app.id;
        return void send(upstream.status, app);
      }
      case "other-id":
        return void send(upstream.status, { ...json(), id: OTHER_ID });
      case "merge":
        return void send(upstream.status, { ...json(), ...rule?.merge });
      case "other-environment":
        return void send(upstream.status, { ...json(), environment: { id: OTHER_ENVIRONMENT_ID } });
      case "list-item-other-environment": {
        const page = json() as { _embedded?: Record<string, Record<string, unknown>[]> };
        for (const items of Object.values(page._embedded ?? {})) if (items.length > 0) items[0] = { ...items[0], environment: { id: OTHER_ENVIRONMENT_ID } };
        return void send(upstream.status, page);
      }
      case "status-201":
        return void send(201, json());
      case "huge":
        return this.sendHuge(res, upstream);
      case "drip":
        return this.drip(res, upstream);
      case "endless-list": {
        const page = json();
        this.loops++;
        const next = `${this.baseUrl}${path}?loop=${this.loops}`;
        return void send(upstream.status, { ...page, _links: { ...(page._links as Record<string, unknown>), next: { href: next } } });
      }
    }
  }

  private forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: `127.0.0.1:${this.upstreamPort}` };
      const upstream = httpRequest({ host: "127.0.0.1", port: this.upstreamPort, method: req.method, path: req.url, headers }, (res) => {
        void readAll(res).then((buffer) => {
          const out: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers))
            if (typeof value === "string" && key !== "content-length" && key !== "connection") out[key] = value;
          resolve({ status: res.statusCode ?? 502, headers: out, text: buffer.toString("utf8") });
        }, reject);
      });
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  /** The upstream application padded with a 50 MB description, streamed in 1 MB chunks. */
  private sendHuge(res: ServerResponse, upstream: Upstream): void {
    const app = JSON.parse(upstream.text) as Record<string, unknown>;
    const head = JSON.stringify({ ...app, description: "" }).replace(/"description":""/, '"description":"');
    const chunk = "x".repeat(1024 * 1024);
    res.writeHead(upstream.status, { "Content-Type": "application/json" });
    res.write(head);
    let sent = 0;
    const pump = (): void => {
      while (sent < HUGE_BYTES && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      if (!res.destroyed) res.end('"}');
    };
    pump();
  }

  /** Headers at once, then the body one byte a second until the client gives up. */
  private drip(res: ServerResponse, upstream: Upstream): void {
    res.writeHead(upstream.status, { "Content-Type": "application/json" });
    let index = 0;
    const timer = setInterval(() => {
      if (res.destroyed || index >= upstream.text.length) {
        clearInterval(timer);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(upstream.text[index++]);
    }, 1000);
    res.on("close", () => clearInterval(timer));
  }
}

function htmlPage(req: IncomingMessage, title = "502 Bad Gateway"): string {
  // Some proxies echo the request's headers in their error pages: the provider must scrub them.
  return `<html><head><title>${title}</title></head><body><h1>${title.replace(/^\d+ /, "")}</h1><pre>${req.method} ${req.url}\nAuthorization: ${req.headers.authorization ?? ""}</pre></body></html>`;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}
