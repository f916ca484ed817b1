// Which inbound request a database query serves, so /metrics can say how many queries each
// kind of interaction costs (issue 14: Prisma's per-query overhead is most of the CPU of an
// interaction, so the count per kind is the figure to drive down). The edge opens a scope per
// request; the work after the ack continues in it through AsyncLocalStorage, so its queries
// count too. Queries outside any request (scheduler, dispatcher) count as "background".
// The scope also memoises reads that cannot change within one request (who the sender is),
// which the edge, the core and the handlers would otherwise each repeat.
import { AsyncLocalStorage } from "node:async_hooks";

export interface QueryScope {
  platform: string;
  /** Read lazily: the body may be parsed only after the scope opens. */
  kind(): string;
  /** Reads memoised for this request only (perRequest). */
  memo?: Map<string, Promise<unknown>>;
}

const scopes = new AsyncLocalStorage<QueryScope>();

export function runInQueryScope<T>(scope: QueryScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

export function currentQueryScope(): { platform: string; kind: string } {
  const s = scopes.getStore();
  return s ? { platform: s.platform, kind: s.kind() } : { platform: "none", kind: "background" };
}

/**
 * Runs `read` once per request for `key`: later calls in the same request share its promise.
 * Outside a request it simply runs. A failed read is forgotten, so a retry reads again.
 */
export function perRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const s = scopes.getStore();
  if (!s) return read();
  s.memo ??= new Map();
  const hit = s.memo.get(key);
  if (hit) return hit as Promise<T>;
  const p = read();
  s.memo.set(key, p);
  p.catch(() => s.memo?.delete(key));
  return p;
}

/** A scope whose kind is read from the request body once it is there, then kept. */
export function requestScope(platform: string, body: () => unknown, kindOf: (body: unknown) => string): QueryScope {
  let kind: string | undefined;
  return {
    platform,
    kind() {
      if (kind !== undefined) return kind;
      const b = body();
      if (b === undefined) return "unparsed";
      kind = kindOf(b);
      return kind;
    },
  };
}
