import type { AllianceKind, CharterKind, CharterVersionStatus } from '@jiaolian/contracts';
import { ConflictError, ForbiddenError, ValidationError } from '@jiaolian/service-kit';
import { createHash } from 'node:crypto';

/*
 * The rules of charters and agreements (章程与协议) as pure functions: which kinds fit which
 * alliance, what each version status allows, what a version must say before it is sent, who signs,
 * when a version comes into force, and the canonical bytes whose SHA-256 every signature records.
 */

export type CharterAction = 'edit' | 'send' | 'withdraw' | 'sign' | 'amend';

/** A pairing (结对帮扶) has a pairing agreement (帮扶协议); other alliances a charter or cooperation agreements. */
export function assertKindFits(kind: CharterKind, allianceKind: AllianceKind): void {
  const fits = allianceKind === 'pairing' ? kind === 'pairing_agreement' : kind !== 'pairing_agreement';
  if (!fits) throw ValidationError.of('kind', 'membership.charter.kind-not-allowed', { charterKind: kind, allianceKind });
}

const ALLOWED: Record<CharterAction, readonly CharterVersionStatus[]> = {
  edit: ['draft'],
  send: ['draft'],
  withdraw: ['signing'],
  sign: ['signing'],
  amend: ['in_force'],
};

export function assertStatusAllows(status: CharterVersionStatus, action: CharterAction): void {
  if (!ALLOWED[action].includes(status)) throw ConflictError.of('membership.charter.status-forbids', { charterStatus: status, charterAction: action });
}

/** The Asia/Shanghai calendar day of an instant, as YYYY-MM-DD (validity dates are local days). */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The status a reader sees: a version in force whose last valid day has passed reads as expired at
 * once, before the periodic sweep has written it (the sweep then records it and announces it).
 */
export function effectiveStatus(status: CharterVersionStatus, validTo: string | null, now: Date): CharterVersionStatus {
  return status === 'in_force' && validTo !== null && validTo < shanghaiDay(now) ? 'expired' : status;
}

export function assertValidityOrder(validFrom: string | null, validTo: string | null): void {
  if (validFrom && validTo && validTo < validFrom) throw ValidationError.of('validTo', 'membership.charter.validity-order');
}

export interface DutyInput {
  schoolId: string;
  duties: string;
}

/** Each named school is an active member, named once. */
export function assertDuties(duties: readonly DutyInput[], memberSchoolIds: readonly string[]): void {
  const seen = new Set<string>();
  duties.forEach((duty, index) => {
    if (seen.has(duty.schoolId)) throw ValidationError.of(`duties.${index}.schoolId`, 'membership.charter.duty-repeated');
    seen.add(duty.schoolId);
    if (!memberSchoolIds.includes(duty.schoolId)) throw ValidationError.of(`duties.${index}.schoolId`, 'membership.charter.duty-not-member');
  });
}

export interface SendableVersion {
  body: string | null;
  fileSha256: string | null;
  sharedScope: string | null;
  disputeResolution: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * A version goes out for signing only when it says everything a school signs up to: its text (or
 * file), what is shared, how disputes are resolved and when it is valid, and not already over.
 */
export function assertSendable(version: SendableVersion, memberCount: number, now: Date): void {
  const blank = (value: string | null): boolean => value === null || value.trim() === '';
  if (blank(version.body) && !version.fileSha256) throw ValidationError.of('body', 'membership.charter.incomplete');
  if (blank(version.sharedScope)) throw ValidationError.of('sharedScope', 'membership.charter.incomplete');
  if (blank(version.disputeResolution)) throw ValidationError.of('disputeResolution', 'membership.charter.incomplete');
  if (!version.validFrom) throw ValidationError.of('validFrom', 'membership.charter.incomplete');
  if (!version.validTo) throw ValidationError.of('validTo', 'membership.charter.incomplete');
  assertValidityOrder(version.validFrom, version.validTo);
  if (version.validTo < shanghaiDay(now)) throw ValidationError.of('validTo', 'membership.charter.already-over');
  if (memberCount === 0) throw ConflictError.of('membership.charter.no-members');
}

/**
 * A school is signed for by its own school admin only: a district or alliance admin cannot sign in a
 * school's name, and a school that joined after the version was sent does not sign it.
 */
export function assertMaySign(schoolId: string, adminSchoolIds: readonly string[], signerSchoolIds: readonly string[], signedSchoolIds: readonly string[]): void {
  if (!adminSchoolIds.includes(schoolId)) throw ForbiddenError.of('membership.charter.sign-forbidden');
  if (!signerSchoolIds.includes(schoolId)) throw ConflictError.of('membership.charter.not-a-signer');
  if (signedSchoolIds.includes(schoolId)) throw ConflictError.of('membership.charter.already-signed');
}

/** In force once every school that was a member when the version was sent has signed. */
export function remainingSigners(signerSchoolIds: readonly string[], signedSchoolIds: readonly string[]): string[] {
  return signerSchoolIds.filter((id) => !signedSchoolIds.includes(id));
}

export interface CanonicalVersion {
  documentId: string;
  kind: CharterKind;
  number: number;
  title: string;
  body: string | null;
  file: { sha256: string; size: number } | null;
  sharedScope: string | null;
  duties: readonly DutyInput[];
  disputeResolution: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * The exact bytes a school signs: UTF-8 JSON of the version's text (or the SHA-256 and size of its
 * file, which binds the file's bytes) and structured fields, keys in a fixed order, duties ordered by
 * school, text normalised to NFC so that the same text typed on two machines hashes the same.
 */
export function canonicalBytes(version: CanonicalVersion): Buffer {
  const text = (value: string | null): string | null => (value === null ? null : value.normalize('NFC'));
  const canonical = {
    format: 'jiaolian.charter.v1',
    documentId: version.documentId,
    kind: version.kind,
    number: version.number,
    title: text(version.title),
    body: text(version.body),
    file: version.file ? { sha256: version.file.sha256, size: version.file.size } : null,
    sharedScope: text(version.sharedScope),
    duties: [...version.duties]
      .sort((a, b) => (a.schoolId < b.schoolId ? -1 : a.schoolId > b.schoolId ? 1 : 0))
      .map((d) => ({ schoolId: d.schoolId, duties: d.duties.normalize('NFC') })),
    disputeResolution: text(version.disputeResolution),
    validFrom: version.validFrom,
    validTo: version.validTo,
  };
  return Buffer.from(JSON.stringify(canonical), 'utf8');
}

export function contentSha256(version: CanonicalVersion): string {
  return createHash('sha256').update(canonicalBytes(version)).digest('hex');
}

/** Days before the end of validity at which the alliance admins are reminded (30 and 7 days). */
export const EXPIRY_REMINDER_DAYS = [30, 7] as const;

/**
 * The reminder due for a version in force on a day: the smallest threshold reached that has not been
 * sent yet (a reminder missed while the service was down is sent late rather than never).
 */
export function expiryReminderDue(validTo: string, today: string, lastRemindedDays: number | null): number | null {
  const daysLeft = Math.round((Date.parse(`${validTo}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft < 0) return null;
  const reached = EXPIRY_REMINDER_DAYS.filter((d) => daysLeft <= d);
  if (!reached.length) return null;
  const due = Math.min(...reached);
  return lastRemindedDays !== null && lastRemindedDays <= due ? null : due;
}
