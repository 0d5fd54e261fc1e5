/**
 * How long a revocation is kept (in the JetStream KV bucket and in memory). It outlives every access
 * token it could concern: user access tokens live 15 minutes and system tokens 5; the rest is room
 * for clocks that disagree by a few minutes.
 */
export const REVOCATION_TTL_MS = 20 * 60_000;

/** One entry of the revocation bucket: a user's "not valid before" time, or a whole session. */
export type Revocation = { kind: 'user'; id: string; at: number } | { kind: 'session'; id: string; at: number };

/** What a token must say about itself to be checked against the revocations. */
export interface TokenFacts {
  subject: string;
  sessionId?: string;
  /** when the token was issued, in ms since the epoch */
  issuedAtMs: number;
}

/** KV keys allow `[-/_=.a-zA-Z0-9]`; ids that are not already plain (UUIDs are) travel base64url-encoded. */
const PLAIN_ID = /^[A-Za-z0-9_-]{1,200}$/;
const keyPart = (id: string): string => (PLAIN_ID.test(id) ? id : `b64_${Buffer.from(id).toString('base64url')}`);

/** The bucket key of a revocation: `user.<id>` or `session.<id>`. */
export function revocationKey(revocation: Pick<Revocation, 'kind' | 'id'>): string {
  return `${revocation.kind}.${keyPart(revocation.id)}`;
}

/** Reads a bucket entry back; undefined for anything that is not one of ours. */
export function parseRevocation(key: string, value: string): Revocation | undefined {
  const dot = key.indexOf('.');
  const kind = key.slice(0, dot);
  if (dot < 1 || (kind !== 'user' && kind !== 'session')) return undefined;
  try {
    const body = JSON.parse(value) as { id?: unknown; at?: unknown };
    if (typeof body.id !== 'string' || typeof body.at !== 'number' || !Number.isFinite(body.at)) return undefined;
    return { kind, id: body.id, at: body.at };
  } catch {
    return undefined;
  }
}

/**
 * The revocations a process knows of, in memory, consulted on every token check. A user revocation
 * says "tokens of this user issued before `at` are void" (logout everywhere, disabled account, role
 * taken away, new password); a session revocation voids every token of one login's session (logout,
 * a refresh token replayed). Entries are forgotten once no token they concern can still be valid.
 */
export class TokenRevocations {
  private readonly users = new Map<string, number>();
  private readonly sessions = new Map<string, number>();
  private nextPrune = 0;

  constructor(private readonly ttlMs = REVOCATION_TTL_MS, private readonly now: () => number = Date.now) {}

  apply(revocation: Revocation): void {
    const into = revocation.kind === 'user' ? this.users : this.sessions;
    // keep the latest cut-off: a replayed older entry never shortens a newer one
    into.set(revocation.id, Math.max(into.get(revocation.id) ?? 0, revocation.at));
    this.prune();
  }

  /** Why the token is void, or undefined when it is not revoked. */
  reasonToRefuse(token: TokenFacts): 'session' | 'user' | undefined {
    if (this.users.size === 0 && this.sessions.size === 0) return undefined;
    if (token.sessionId !== undefined && this.sessions.has(token.sessionId)) return 'session';
    const cutOff = this.users.get(token.subject);
    if (cutOff !== undefined && token.issuedAtMs < cutOff) return 'user';
    return undefined;
  }

  get size(): number {
    return this.users.size + this.sessions.size;
  }

  private prune(): void {
    const now = this.now();
    if (now < this.nextPrune) return;
    this.nextPrune = now + 60_000;
    for (const map of [this.users, this.sessions]) {
      for (const [id, at] of map) if (at + this.ttlMs < now) map.delete(id);
    }
  }
}
