import type { ApiScope, RoleAssignment } from '@jiaolian/contracts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The client id people see and send: `jlc_` and 16 URL-safe characters (96 random bits: unguessable, short to read out). */
export const newClientId = (): string => `jlc_${randomBytes(12).toString('base64url')}`;

/** A client secret: `jls_` and 32 random bytes, base64url. */
export const newClientSecret = (): string => `jls_${randomBytes(32).toString('base64url')}`;

/**
 * Secrets are stored as SHA-256 hashes, not with argon2 as passwords are: a secret carries 256
 * random bits, so no dictionary or brute force can find it from its hash, and a slow hash would make
 * every token request cost tens of milliseconds of CPU (the token endpoint would become a lever to
 * load the service). The same reasoning keeps refresh tokens as SHA-256 hashes.
 */
export const hashClientSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** Whether `secret` is the one behind `hash`, compared in constant time. */
export function secretMatches(hash: string, secret: string): boolean {
  const given = Buffer.from(hashClientSecret(secret), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given);
}

/** A secret is live while it has no expiry (the current one) or its grace period has not ended. */
export const secretLive = (expiresAt: Date | null, now: Date): boolean => expiresAt === null || expiresAt.getTime() > now.getTime();

/**
 * The role assignments a client's token carries: it reaches its district as a district admin would
 * and each alliance as its alliance admin would, so every service scopes a client's data exactly as a
 * person's (what the scopes then allow is checked separately).
 */
export function assignmentsOfReach(ownerDistrictId: string, reach: { districtIds: string[]; allianceIds: string[] }): RoleAssignment[] {
  return [
    ...reach.districtIds.filter((id) => id === ownerDistrictId).map((districtId): RoleAssignment => ({ role: 'district_admin', districtId })),
    ...reach.allianceIds.map((allianceId): RoleAssignment => ({ role: 'alliance_admin', districtId: ownerDistrictId, allianceId })),
  ];
}

/**
 * The scopes a token gets: all the client's when it asks for none (RFC 6749 §3.3 lets the server
 * pick a default), otherwise exactly those asked for; asking for one the client lacks answers the
 * scopes it lacks (invalid_scope).
 */
export function grantScopes(granted: readonly ApiScope[], asked: readonly ApiScope[] | undefined): { scopes: ApiScope[] } | { missing: ApiScope[] } {
  if (!asked || asked.length === 0) return { scopes: [...granted] };
  const missing = asked.filter((scope) => !granted.includes(scope));
  return missing.length > 0 ? { missing } : { scopes: [...asked] };
}
