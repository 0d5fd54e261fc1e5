import {
  MembershipEvents,
  type Caller, type CharterDocumentDetailView, type CharterDocumentView, type CharterDutyView, type CharterFileDownloadView, type CharterFileDto,
  type CharterKind, type CharterSentForSigningEvent, type CharterSignedEvent, type CharterVersionEvent, type CharterVersionRef,
  type CharterVersionStatus, type CharterVersionSummaryView, type CharterVersionView, type CharterExpiringSoonEvent, type CreateCharterDocumentDto,
  type SchoolRef, type UpdateCharterDraftDto,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, ForbiddenError, NotFoundError, OutboxWriter, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso, isoOrNull } from '../../common/access.js';
import { AllianceEntity } from '../../alliances/alliance.entity.js';
import { MembershipsStore } from '../../alliances/memberships.store.js';
import {
  assertDuties, assertKindFits, assertMaySign, assertSendable, assertStatusAllows, assertValidityOrder, contentSha256, effectiveStatus,
  expiryReminderDue, remainingSigners, shanghaiDay, type CanonicalVersion, type DutyInput,
} from './charter.rules.js';

interface DocumentRow {
  id: string; district_id: string; alliance_id: string; kind: CharterKind; title: string; created_at: Date;
}

interface VersionRow {
  id: string; document_id: string; number: number; status: CharterVersionStatus; title: string; body: string | null;
  file_key: string | null; file_name: string | null; file_content_type: string | null; file_size: string | null; file_sha256: string | null;
  shared_scope: string | null; duties: DutyInput[]; dispute_resolution: string | null; valid_from: string | null; valid_to: string | null;
  amends_id: string | null; signer_school_ids: string[]; sent_sha256: string | null; sent_at: Date | null; in_force_at: Date | null;
  expiry_reminded_days: number | null; created_at: Date; updated_at: Date;
}

interface SignatureRow {
  id: string; version_id: string; school_id: string; signed_by: string; signed_by_name: string; signed_at: Date; content_sha256: string;
}

const VERSION_COLUMNS = `id, document_id, number, status, title, body, file_key, file_name, file_content_type, file_size, file_sha256, shared_scope,
  duties, dispute_resolution, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, amends_id,
  signer_school_ids, sent_sha256, sent_at, in_force_at, expiry_reminded_days, created_at, updated_at`;

const canonical = (doc: DocumentRow, v: VersionRow): CanonicalVersion => ({
  documentId: doc.id, kind: doc.kind, number: v.number, title: v.title, body: v.body,
  file: v.file_sha256 ? { sha256: v.file_sha256, size: Number(v.file_size) } : null,
  sharedScope: v.shared_scope, duties: v.duties, disputeResolution: v.dispute_resolution, validFrom: v.valid_from, validTo: v.valid_to,
});

/** What the audit log keeps of a version: its content and state, the text by its hash (the text itself stays in the version). */
const snapshot = (doc: DocumentRow, v: VersionRow): Record<string, unknown> => ({
  number: v.number, status: v.status, title: v.title, contentSha256: contentSha256(canonical(doc, v)), file: v.file_name,
  sharedScope: v.shared_scope, duties: v.duties, disputeResolution: v.dispute_resolution, validFrom: v.valid_from, validTo: v.valid_to,
  signerSchoolIds: v.signer_school_ids, sentSha256: v.sent_sha256,
});

/** The rows of an UPDATE … RETURNING (TypeORM answers an UPDATE on PostgreSQL with [rows, affected]). */
async function updateRows(manager: EntityManager, sql: string, params: unknown[]): Promise<VersionRow[]> {
  const result: unknown = await manager.query(sql, params);
  return (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as VersionRow[];
}

/** How often the expiry sweep runs (expires versions past validity, sends the 30- and 7-day reminders). */
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Charters and agreements (章程与协议) of alliances: drafting, sending for signing, signatures by each
 * member school's admin with the hash of what was signed, coming into force, amendments and expiry.
 * Expiry: a reader sees a version past its last valid day as expired at once (effectiveStatus); the
 * hourly sweep (and every read that finds one) records it, audits it and announces it.
 */
@Injectable()
export class ChartersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: MembershipsStore,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  static readonly sweepEveryMs = SWEEP_EVERY_MS;

  async list(scope: AccessScope, allianceId: string, now = new Date()): Promise<CharterDocumentView[]> {
    const alliance = await this.store.visibleAlliance(scope, allianceId);
    const manager = this.dataSource.manager;
    const docs: DocumentRow[] = await manager.query('SELECT * FROM charter_document WHERE alliance_id = $1 ORDER BY created_at, id', [alliance.id]);
    const views: CharterDocumentView[] = [];
    for (const doc of docs) {
      const view = await this.documentView(manager, scope, alliance, doc, now);
      if (view) views.push(view.summary);
    }
    return views;
  }

  async create(scope: AccessScope, allianceId: string, dto: CreateCharterDocumentDto): Promise<CharterVersionView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, allianceId, manager, true);
      this.assertManager(scope, alliance);
      if (alliance.status === 'dissolved') throw ConflictError.of('membership.charter.alliance-closed');
      assertKindFits(dto.kind, alliance.kind);
      const content = await this.checkedContent(manager, alliance, dto, { duties: [], validFrom: null, validTo: null });
      const [doc]: DocumentRow[] = await manager.query(
        'INSERT INTO charter_document (district_id, alliance_id, kind, title, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [alliance.districtId, alliance.id, dto.kind, dto.title.trim(), scope.caller.id],
      );
      const created = doc as DocumentRow;
      const [version]: VersionRow[] = await manager.query(
        `INSERT INTO charter_version (document_id, number, status, title, body, shared_scope, duties, dispute_resolution, valid_from, valid_to, created_by)
         VALUES ($1, 1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${VERSION_COLUMNS}`,
        [created.id, created.title, dto.body ?? null, dto.sharedScope ?? null, JSON.stringify(content.duties), dto.disputeResolution ?? null,
          content.validFrom, content.validTo, scope.caller.id],
      );
      const v = version as VersionRow;
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: 'charter.created', entityType: 'charter_version', entityId: v.id, after: { kind: created.kind, ...snapshot(created, v) },
      });
      return this.versionView(manager, scope, alliance, created, v);
    });
  }

  async get(scope: AccessScope, allianceId: string, documentId: string, now = new Date()): Promise<CharterDocumentDetailView> {
    const alliance = await this.store.visibleAlliance(scope, allianceId);
    const manager = this.dataSource.manager;
    const doc = await this.documentOf(manager, alliance, documentId);
    const view = await this.documentView(manager, scope, alliance, doc, now);
    if (!view) throw new NotFoundError('charter document', documentId);
    return { ...view.summary, versions: view.versions };
  }

  async getVersion(scope: AccessScope, ref: CharterVersionRef, now = new Date()): Promise<CharterVersionView> {
    const alliance = await this.store.visibleAlliance(scope, ref.allianceId);
    const manager = this.dataSource.manager;
    const doc = await this.documentOf(manager, alliance, ref.documentId);
    const version = await this.versionOf(manager, scope, alliance, doc, ref.versionId);
    return this.versionView(manager, scope, alliance, doc, version, now);
  }

  /** A new draft copied from the version in force: the amendment every school signs again. */
  async amend(scope: AccessScope, allianceId: string, documentId: string): Promise<CharterVersionView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, allianceId, manager, true);
      const doc = await this.documentOf(manager, alliance, documentId, true);
      this.assertManager(scope, alliance);
      if (alliance.status === 'dissolved') throw ConflictError.of('membership.charter.alliance-closed');
      const versions = await this.versionsOf(manager, doc.id);
      if (versions.some((v) => v.status === 'draft' || v.status === 'signing')) throw ConflictError.of('membership.charter.open-version-exists');
      const inForce = versions.find((v) => effectiveStatus(v.status, v.valid_to, new Date()) === 'in_force');
      if (!inForce) throw ConflictError.of('membership.charter.nothing-in-force');
      const number = Math.max(...versions.map((v) => v.number)) + 1;
      const [created]: VersionRow[] = await manager.query(
        `INSERT INTO charter_version (document_id, number, status, title, body, file_key, file_name, file_content_type, file_size, file_sha256,
           shared_scope, duties, dispute_resolution, valid_from, valid_to, amends_id, created_by)
         SELECT document_id, $2, 'draft', title, body, file_key, file_name, file_content_type, file_size, file_sha256,
           shared_scope, duties, dispute_resolution, valid_from, valid_to, id, $3
           FROM charter_version WHERE id = $1 RETURNING ${VERSION_COLUMNS}`,
        [inForce.id, number, scope.caller.id],
      );
      const v = created as VersionRow;
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: 'charter.amendment_drafted', entityType: 'charter_version', entityId: v.id, after: { amends: inForce.id, ...snapshot(doc, v) },
      });
      return this.versionView(manager, scope, alliance, doc, v);
    });
  }

  async updateDraft(scope: AccessScope, ref: CharterVersionRef, changes: UpdateCharterDraftDto): Promise<CharterVersionView> {
    return this.changeVersion(scope, ref, 'edit', 'charter.draft_changed', async (manager, alliance, doc, v) => {
      const content = await this.checkedContent(manager, alliance, changes, { duties: v.duties, validFrom: v.valid_from, validTo: v.valid_to });
      const [updated]: VersionRow[] = await updateRows(manager,
        `UPDATE charter_version SET title = $2, body = $3, shared_scope = $4, duties = $5, dispute_resolution = $6, valid_from = $7, valid_to = $8,
           updated_at = now(), version = version + 1
         WHERE id = $1 RETURNING ${VERSION_COLUMNS}`,
        [v.id, changes.title?.trim() ?? v.title, changes.body !== undefined ? changes.body : v.body,
          changes.sharedScope !== undefined ? changes.sharedScope : v.shared_scope, JSON.stringify(content.duties),
          changes.disputeResolution !== undefined ? changes.disputeResolution : v.dispute_resolution, content.validFrom, content.validTo],
      );
      const after = updated as VersionRow;
      if (after.number === 1 && after.title !== doc.title) await manager.query('UPDATE charter_document SET title = $2, updated_at = now() WHERE id = $1', [doc.id, after.title]);
      await this.announce(manager, scope.caller, MembershipEvents.charterDraftChanged, alliance, doc, after);
      return after;
    });
  }

  /** A file the gateway has streamed into the store becomes the draft's text; a refusal makes the gateway delete it again. */
  async attachFile(scope: AccessScope, ref: CharterVersionRef, file: CharterFileDto): Promise<CharterVersionView> {
    if (!/^membership\/charters\/[0-9a-f-]{36}$/.test(file.key) || !/^[0-9a-f]{64}$/.test(file.sha256)) throw ValidationError.of('file', 'membership.charter.no-file');
    return this.changeVersion(scope, ref, 'edit', 'charter.draft_changed', async (manager, alliance, doc, v) => {
      const [updated]: VersionRow[] = await updateRows(manager,
        `UPDATE charter_version SET file_key = $2, file_name = $3, file_content_type = $4, file_size = $5, file_sha256 = $6, updated_at = now(), version = version + 1
         WHERE id = $1 RETURNING ${VERSION_COLUMNS}`,
        [v.id, file.key, file.filename, file.contentType, file.size, file.sha256],
      );
      await this.announce(manager, scope.caller, MembershipEvents.charterDraftChanged, alliance, doc, updated as VersionRow);
      return updated as VersionRow;
    });
  }

  async fileOf(scope: AccessScope, ref: CharterVersionRef): Promise<CharterFileDownloadView> {
    const alliance = await this.store.visibleAlliance(scope, ref.allianceId);
    const doc = await this.documentOf(this.dataSource.manager, alliance, ref.documentId);
    const version = await this.versionOf(this.dataSource.manager, scope, alliance, doc, ref.versionId);
    if (!version.file_key) throw new NotFoundError('file', ref.versionId);
    return { key: version.file_key, filename: version.file_name ?? 'charter' };
  }

  /** Fixes the content hash and the schools that must sign (the active members now) and asks their admins to sign. */
  async send(scope: AccessScope, ref: CharterVersionRef, now = new Date()): Promise<CharterVersionView> {
    return this.changeVersion(scope, ref, 'send', 'charter.sent_for_signing', async (manager, alliance, doc, v) => {
      if (alliance.status === 'dissolved') throw ConflictError.of('membership.charter.alliance-closed');
      const members = (await this.store.activeMembers(manager, alliance.id)).map((m) => m.schoolId);
      assertSendable({
        body: v.body, fileSha256: v.file_sha256, sharedScope: v.shared_scope, disputeResolution: v.dispute_resolution, validFrom: v.valid_from, validTo: v.valid_to,
      }, members.length, now);
      assertDuties(v.duties, members);
      const [updated]: VersionRow[] = await updateRows(manager,
        `UPDATE charter_version SET status = 'signing', signer_school_ids = $2, sent_sha256 = $3, sent_at = $4, sent_by = $5, updated_at = now(), version = version + 1
         WHERE id = $1 RETURNING ${VERSION_COLUMNS}`,
        [v.id, members, contentSha256(canonical(doc, v)), now, scope.caller.id],
      );
      const after = updated as VersionRow;
      await this.outbox.add<CharterSentForSigningEvent>(manager, scope.caller, {
        subject: MembershipEvents.charterSentForSigning, districtId: alliance.districtId, data: { ...this.eventData(alliance, doc, after), schoolIds: members },
      });
      return after;
    });
  }

  /** Back to draft: every signature given so far is voided (kept, marked void), since the text may change. */
  async withdraw(scope: AccessScope, ref: CharterVersionRef, reason: string | undefined): Promise<CharterVersionView> {
    return this.changeVersion(scope, ref, 'withdraw', 'charter.withdrawn', async (manager, _alliance, _doc, v) => {
      await manager.query(
        "UPDATE charter_signature SET voided_at = now(), void_reason = $2 WHERE version_id = $1 AND voided_at IS NULL",
        [v.id, reason?.trim() || 'withdrawn'],
      );
      const [updated]: VersionRow[] = await updateRows(manager,
        `UPDATE charter_version SET status = 'draft', signer_school_ids = '{}', sent_sha256 = NULL, sent_at = NULL, sent_by = NULL, updated_at = now(), version = version + 1
         WHERE id = $1 RETURNING ${VERSION_COLUMNS}`,
        [v.id],
      );
      return updated as VersionRow;
    });
  }

  /**
   * A school admin signs for their school: the signature keeps who, when and the SHA-256 of the exact
   * version. The last required signature brings the version into force and supersedes the one before.
   */
  async sign(scope: AccessScope, ref: CharterVersionRef, schoolId: string, now = new Date()): Promise<CharterVersionView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, ref.allianceId, manager);
      const doc = await this.documentOf(manager, alliance, ref.documentId);
      const v = await this.versionOf(manager, scope, alliance, doc, ref.versionId, true);
      assertStatusAllows(v.status, 'sign');
      const signed = (await this.signaturesOf(manager, v.id)).map((s) => s.school_id);
      assertMaySign(schoolId, scope.adminSchoolIds(), v.signer_school_ids, signed);
      const hash = contentSha256(canonical(doc, v));
      if (hash !== v.sent_sha256) throw ConflictError.of('membership.charter.altered');
      const [signature]: SignatureRow[] = await manager.query(
        `INSERT INTO charter_signature (version_id, school_id, signed_by, signed_by_name, signed_at, content_sha256)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [v.id, schoolId, scope.caller.id, (scope.caller.displayName ?? scope.caller.id).slice(0, 100), now, hash],
      );
      const sig = signature as SignatureRow;
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: 'charter.signed', entityType: 'charter_version', entityId: v.id,
        after: { schoolId, signedAt: iso(now), contentSha256: hash },
      });
      const remaining = remainingSigners(v.signer_school_ids, [...signed, schoolId]);
      await this.outbox.add<CharterSignedEvent>(manager, scope.caller, {
        subject: MembershipEvents.charterSigned, districtId: alliance.districtId,
        data: { ...this.eventData(alliance, doc, v), schoolId, signedById: sig.signed_by, signedAt: iso(sig.signed_at), remainingSchoolIds: remaining },
      });
      if (remaining.length > 0) return this.versionView(manager, scope, alliance, doc, v, now);
      const before = snapshot(doc, v);
      const superseded: VersionRow[] = await updateRows(manager,
        `UPDATE charter_version SET status = 'superseded', superseded_at = $2, updated_at = now(), version = version + 1
         WHERE document_id = $1 AND status IN ('in_force', 'expired') AND id <> $3 AND superseded_at IS NULL RETURNING ${VERSION_COLUMNS}`,
        [doc.id, now, v.id],
      );
      for (const old of superseded) {
        await this.audit.record(manager, scope.caller, {
          districtId: alliance.districtId, action: 'charter.superseded', entityType: 'charter_version', entityId: old.id, after: { supersededBy: v.id },
        });
      }
      const [inForce]: VersionRow[] = await updateRows(manager,
        `UPDATE charter_version SET status = 'in_force', in_force_at = $2, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${VERSION_COLUMNS}`,
        [v.id, now],
      );
      const after = inForce as VersionRow;
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: 'charter.in_force', entityType: 'charter_version', entityId: v.id, before, after: snapshot(doc, after),
      });
      await this.announce(manager, scope.caller, MembershipEvents.charterInForce, alliance, doc, after);
      return this.versionView(manager, scope, alliance, doc, after, now);
    });
  }

  /**
   * Records the expiry of versions in force past their last valid day and sends the expiring-soon
   * reminders (30 and 7 days ahead) as events; runs hourly and is safe to run on every replica at
   * once (rows are claimed with SKIP LOCKED). Answers how many versions expired and were reminded.
   */
  async sweep(caller: Caller, now = new Date()): Promise<{ expired: number; reminded: number }> {
    const today = shanghaiDay(now);
    return this.dataSource.transaction(async (manager) => {
      const claimed: { id: string }[] = await manager.query(
        "SELECT id FROM charter_version WHERE status = 'in_force' AND valid_to <= ($1::date + 30) ORDER BY valid_to, id FOR UPDATE SKIP LOCKED",
        [today],
      );
      const due: VersionRow[] = claimed.length
        ? await manager.query(`SELECT ${VERSION_COLUMNS} FROM charter_version WHERE id = ANY($1::uuid[]) ORDER BY valid_to, id`, [claimed.map((c) => c.id)])
        : [];
      let expired = 0;
      let reminded = 0;
      for (const v of due) {
        const doc: DocumentRow = (await manager.query('SELECT * FROM charter_document WHERE id = $1', [v.document_id]))[0];
        const alliance = await manager.getRepository(AllianceEntity).findOneByOrFail({ id: doc.alliance_id });
        if (v.valid_to !== null && v.valid_to < today) {
          const [after]: VersionRow[] = await updateRows(manager,
            `UPDATE charter_version SET status = 'expired', expired_at = $2, updated_at = now(), version = version + 1 WHERE id = $1 RETURNING ${VERSION_COLUMNS}`,
            [v.id, now],
          );
          await this.audit.record(manager, caller, {
            districtId: alliance.districtId, action: 'charter.expired', entityType: 'charter_version', entityId: v.id,
            before: { status: 'in_force' }, after: { status: 'expired', validTo: v.valid_to },
          });
          await this.announce(manager, caller, MembershipEvents.charterExpired, alliance, doc, after as VersionRow);
          expired += 1;
          continue;
        }
        const days = v.valid_to === null ? null : expiryReminderDue(v.valid_to, today, v.expiry_reminded_days);
        if (days === null) continue;
        await manager.query('UPDATE charter_version SET expiry_reminded_days = $2 WHERE id = $1', [v.id, days]);
        await this.outbox.add<CharterExpiringSoonEvent>(manager, caller, {
          subject: MembershipEvents.charterExpiringSoon, districtId: alliance.districtId, data: { ...this.eventData(alliance, doc, v), daysLeft: days },
        });
        reminded += 1;
      }
      return { expired, reminded };
    });
  }

  // --- helpers --------------------------------------------------------------------------------------

  private assertManager(scope: AccessScope, alliance: AllianceEntity): void {
    if (!scope.isAllianceAdmin(alliance.id, alliance.districtId)) throw ForbiddenError.of('membership.charter.manage-forbidden');
  }

  private async changeVersion(
    scope: AccessScope, ref: CharterVersionRef, action: 'edit' | 'send' | 'withdraw', auditAction: string,
    apply: (manager: EntityManager, alliance: AllianceEntity, doc: DocumentRow, version: VersionRow) => Promise<VersionRow>,
  ): Promise<CharterVersionView> {
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.store.visibleAlliance(scope, ref.allianceId, manager);
      const doc = await this.documentOf(manager, alliance, ref.documentId);
      const version = await this.versionOf(manager, scope, alliance, doc, ref.versionId, true);
      this.assertManager(scope, alliance);
      assertStatusAllows(version.status, action);
      const before = snapshot(doc, version);
      const after = await apply(manager, alliance, doc, version);
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.districtId, action: auditAction, entityType: 'charter_version', entityId: version.id, before, after: snapshot(doc, after),
      });
      return this.versionView(manager, scope, alliance, doc, after);
    });
  }

  /** Validates the content fields against the alliance; absent fields keep what the draft has. */
  private async checkedContent(
    manager: EntityManager, alliance: AllianceEntity, dto: UpdateCharterDraftDto, current: { duties: DutyInput[]; validFrom: string | null; validTo: string | null },
  ): Promise<{ duties: DutyInput[]; validFrom: string | null; validTo: string | null }> {
    const duties = dto.duties ? dto.duties.map((d) => ({ schoolId: d.schoolId, duties: d.duties.trim() })) : current.duties;
    const validFrom = dto.validFrom !== undefined ? dto.validFrom.slice(0, 10) : current.validFrom;
    const validTo = dto.validTo !== undefined ? dto.validTo.slice(0, 10) : current.validTo;
    assertValidityOrder(validFrom, validTo);
    if (dto.duties) assertDuties(duties, (await this.store.activeMembers(manager, alliance.id)).map((m) => m.schoolId));
    return { duties, validFrom, validTo };
  }

  private async documentOf(manager: EntityManager, alliance: AllianceEntity, documentId: string, lock = false): Promise<DocumentRow> {
    const [doc]: DocumentRow[] = await manager.query(
      `SELECT * FROM charter_document WHERE id = $1 AND alliance_id = $2${lock ? ' FOR UPDATE' : ''}`, [documentId, alliance.id],
    );
    if (!doc) throw new NotFoundError('charter document', documentId);
    return doc;
  }

  private versionsOf(manager: EntityManager, documentId: string): Promise<VersionRow[]> {
    return manager.query(`SELECT ${VERSION_COLUMNS} FROM charter_version WHERE document_id = $1 ORDER BY number DESC`, [documentId]);
  }

  /** Drafts are the alliance admins' working copies: nobody else sees them. */
  private async versionOf(manager: EntityManager, scope: AccessScope, alliance: AllianceEntity, doc: DocumentRow, versionId: string, lock = false): Promise<VersionRow> {
    const [version]: VersionRow[] = await manager.query(
      `SELECT ${VERSION_COLUMNS} FROM charter_version WHERE id = $1 AND document_id = $2${lock ? ' FOR UPDATE' : ''}`, [versionId, doc.id],
    );
    if (!version || (version.status === 'draft' && !scope.isAllianceAdmin(alliance.id, alliance.districtId))) throw new NotFoundError('charter version', versionId);
    return version;
  }

  private signaturesOf(manager: EntityManager, versionId: string): Promise<SignatureRow[]> {
    return manager.query('SELECT * FROM charter_signature WHERE version_id = $1 AND voided_at IS NULL ORDER BY signed_at, id', [versionId]);
  }

  private async schoolNames(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; name: string }[] = await manager.query('SELECT id, name FROM school WHERE id = ANY($1::uuid[])', [[...new Set(ids)]]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private summary(v: VersionRow, signedCount: number, now: Date): CharterVersionSummaryView {
    return {
      id: v.id, number: v.number, status: effectiveStatus(v.status, v.valid_to, now), validFrom: v.valid_from, validTo: v.valid_to,
      sentAt: isoOrNull(v.sent_at), inForceAt: isoOrNull(v.in_force_at), requiredCount: v.signer_school_ids.length, signedCount,
    };
  }

  private async documentView(
    manager: EntityManager, scope: AccessScope, alliance: AllianceEntity, doc: DocumentRow, now: Date,
  ): Promise<{ summary: CharterDocumentView; versions: CharterVersionSummaryView[] } | undefined> {
    const admin = scope.isAllianceAdmin(alliance.id, alliance.districtId);
    const versions = (await this.versionsOf(manager, doc.id)).filter((v) => admin || v.status !== 'draft');
    if (!versions.length) return undefined;
    const counts: { version_id: string; school_id: string }[] = await manager.query(
      'SELECT version_id, school_id FROM charter_signature WHERE version_id = ANY($1::uuid[]) AND voided_at IS NULL', [versions.map((v) => v.id)],
    );
    const signedBy = (v: VersionRow): string[] => counts.filter((c) => c.version_id === v.id).map((c) => c.school_id);
    const summaries = versions.map((v) => this.summary(v, signedBy(v).filter((id) => v.signer_school_ids.includes(id)).length, now));
    const pending = versions.find((v) => v.status === 'draft' || v.status === 'signing');
    const current = versions.find((v) => v.status === 'in_force') ?? versions.find((v) => v.status === 'expired');
    // the schools still to sign: of the version out for signing, else of the one in force (a school that joined later included)
    const target = pending?.status === 'signing' ? pending : current;
    let unsignedSchools: SchoolRef[] = [];
    if (target) {
      const members = (await this.store.activeMembers(manager, alliance.id)).map((m) => m.schoolId);
      const signed = signedBy(target);
      const ids = [...new Set([...target.signer_school_ids, ...members])].filter((id) => !signed.includes(id));
      const names = await this.schoolNames(manager, ids);
      unsignedSchools = ids.map((id) => ({ id, name: names.get(id) ?? '' }));
    }
    const summaryOf = (v: VersionRow | undefined): CharterVersionSummaryView | null => (v ? summaries[versions.indexOf(v)] ?? null : null);
    return {
      summary: {
        id: doc.id, allianceId: doc.alliance_id, kind: doc.kind, title: doc.title, current: summaryOf(current), pending: summaryOf(pending),
        unsignedSchools, createdAt: iso(doc.created_at),
      },
      versions: summaries,
    };
  }

  private async versionView(
    manager: EntityManager, scope: AccessScope, alliance: AllianceEntity, doc: DocumentRow, v: VersionRow, now = new Date(),
  ): Promise<CharterVersionView> {
    const signatures = await this.signaturesOf(manager, v.id);
    const members = (await this.store.activeMembers(manager, alliance.id)).map((m) => m.schoolId);
    const schoolIds = [...new Set([...v.signer_school_ids, ...members, ...v.duties.map((d) => d.schoolId)])];
    const names = await this.schoolNames(manager, schoolIds);
    const ref = (id: string): SchoolRef => ({ id, name: names.get(id) ?? '' });
    const hash = contentSha256(canonical(doc, v));
    const admin = scope.isAllianceAdmin(alliance.id, alliance.districtId);
    const status = effectiveStatus(v.status, v.valid_to, now);
    const signedIds = signatures.map((s) => s.school_id);
    const duties: CharterDutyView[] = v.duties.map((d) => ({ school: ref(d.schoolId), duties: d.duties }));
    const hasOpen = admin && status === 'in_force'
      ? ((await manager.query("SELECT 1 FROM charter_version WHERE document_id = $1 AND status IN ('draft', 'signing')", [doc.id])) as unknown[]).length > 0
      : false;
    return {
      ...this.summary(v, signedIds.filter((id) => v.signer_school_ids.includes(id)).length, now),
      documentId: doc.id, allianceId: alliance.id, kind: doc.kind, title: v.title, body: v.body,
      file: v.file_sha256 ? { filename: v.file_name ?? '', contentType: v.file_content_type ?? '', size: Number(v.file_size), sha256: v.file_sha256 } : null,
      sharedScope: v.shared_scope, duties, disputeResolution: v.dispute_resolution, amends: v.amends_id,
      contentSha256: hash, sentSha256: v.sent_sha256, intact: v.sent_sha256 === null || v.sent_sha256 === hash,
      schools: schoolIds.filter((id) => v.signer_school_ids.includes(id) || members.includes(id)).map((id) => {
        const signature = signatures.find((s) => s.school_id === id);
        return {
          school: ref(id), required: v.signer_school_ids.includes(id), currentMember: members.includes(id),
          signature: signature ? {
            id: signature.id, school: ref(id), signedById: signature.signed_by, signedByName: signature.signed_by_name, signedAt: iso(signature.signed_at),
            contentSha256: signature.content_sha256, hashMatches: signature.content_sha256 === hash,
          } : null,
        };
      }),
      may: {
        edit: admin && status === 'draft', send: admin && status === 'draft', withdraw: admin && status === 'signing', amend: admin && status === 'in_force' && !hasOpen,
        signFor: status === 'signing' ? scope.adminSchoolIds().filter((id) => v.signer_school_ids.includes(id) && !signedIds.includes(id)) : [],
      },
      createdAt: iso(v.created_at), updatedAt: iso(v.updated_at),
    };
  }

  private eventData(alliance: AllianceEntity, doc: DocumentRow, v: VersionRow): CharterVersionEvent {
    return {
      documentId: doc.id, versionId: v.id, allianceId: alliance.id, allianceName: alliance.name, districtId: alliance.districtId, kind: doc.kind, title: v.title, number: v.number,
      status: v.status, validTo: v.valid_to, contentSha256: v.sent_sha256,
    };
  }

  private async announce(manager: EntityManager, caller: Caller, subject: string, alliance: AllianceEntity, doc: DocumentRow, v: VersionRow): Promise<void> {
    await this.outbox.add<CharterVersionEvent>(manager, caller, { subject, districtId: alliance.districtId, data: this.eventData(alliance, doc, v) });
  }
}
