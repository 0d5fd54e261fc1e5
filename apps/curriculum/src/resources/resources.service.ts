import {
  CurriculumEvents, type AddResourceVersionRequest, type CreateResourceRequest, type ListResourcesQueryDto, type ResourceChangedEvent, type ResourceFacetCount, type ResourceFacets, type ResourcePage,
  type ResourceDownloadView, type ResourceSharedEvent, type ResourceType, type ResourceVersionAddedEvent, type ResourceVersionView, type ResourceView,
  type ResourceVisibility, type UpdateResourceDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, DomainError, ForbiddenError, KitConfigHolder, NotFoundError, OutboxWriter, pageWindow, toPage, type FileStore,
} from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { binder, iso, managesSchool, resourceVisibility } from '../common/access.js';
import { knownSchool } from '../common/schools.js';
import { checkResourceFile, normaliseTags, resourceFileLimits, type ResourceFileLimits } from './resource.rules.js';
import { allianceReach, resourceSearch, SEARCH_TOTAL_CAP } from './search-query.js';
import { resourceSearchVector as searchVector, toTsQueryLiteral } from './search-tokens.js';

export const RESOURCE_FILE_STORE = Symbol('RESOURCE_FILE_STORE');

interface ResourceRow {
  id: string; district_id: string; school_id: string; owner_id: string; owner_name: string; type: ResourceType; title: string;
  description: string | null; subject: string; grade: string; edition: string | null; unit: string | null; tags: string[];
  licence: string; visibility: ResourceVisibility; file_key: string; file_name: string; file_size: string; file_sha256: string;
  content_type: string; version: number; download_count: number; created_at: Date; updated_at: Date; school_name: string | null;
  rank?: number | null; total?: string;
}

interface VersionRow {
  version: number; file_key: string; file_name: string; file_size: string; file_sha256: string; content_type: string; note: string | null;
  uploaded_by: string; uploaded_by_name: string; uploaded_at: Date;
}

const COLUMNS = `r.id, r.district_id, r.school_id, r.owner_id, r.owner_name, r.type, r.title, r.description, r.subject, r.grade,
  r.edition, r.unit, r.tags, r.licence, r.visibility, r.file_key, r.file_name, r.file_size, r.file_sha256, r.content_type,
  r.version, r.download_count, r.created_at, r.updated_at, s.name AS school_name`;

/** PostgreSQL's query_canceled: statement_timeout ran out. */
const QUERY_CANCELED = '57014';

/** A row of the search summary: g = GROUPING bits (15: all matches; 7: per type; 11: subject; 13: grade; 14: school). */
interface SummaryRow {
  g: number; n: number; type?: string | null; subject?: string | null; grade?: string | null; school_id?: string | null; school_name?: string | null;
}

const emptyFacets = (): ResourceFacets => ({ capped: false, type: [], subject: [], grade: [], school: [] });

function toFacets(rows: SummaryRow[], capped: boolean): ResourceFacets {
  const facets = emptyFacets();
  facets.capped = capped;
  for (const row of rows) {
    const g = Number(row.g);
    const entry = (value: string | null | undefined, label?: string | null): ResourceFacetCount =>
      ({ value: value ?? '', ...(label !== undefined ? { label: label ?? '' } : {}), count: Number(row.n) });
    if (g === 7) facets.type.push(entry(row.type));
    else if (g === 11) facets.subject.push(entry(row.subject));
    else if (g === 13) facets.grade.push(entry(row.grade));
    else if (g === 14) facets.school.push(entry(row.school_id, row.school_name));
  }
  return facets;
}

/**
 * How long a search statement may run: below the bus timeout the gateway waits (the same
 * NATS_REQUEST_TIMEOUT_MS), so a search is cancelled before the gateway answers 504 and no query
 * keeps running after it.
 */
export const searchTimeoutMs = (busTimeoutMs: number): number => Math.max(100, Math.min(busTimeoutMs - 1000, Math.floor(busTimeoutMs * 0.8)));

const snapshot = (r: ResourceRow): Record<string, unknown> => ({
  type: r.type, title: r.title, description: r.description, subject: r.subject, grade: r.grade, edition: r.edition, unit: r.unit,
  tags: r.tags, licence: r.licence, visibility: r.visibility, file: { name: r.file_name, size: Number(r.file_size), sha256: r.file_sha256 },
  version: r.version,
});

const uploaderName = (scope: AccessScope): string => (scope.caller.displayName ?? scope.caller.id).slice(0, 64);

@Injectable()
export class ResourcesService {
  private readonly limits: ResourceFileLimits = resourceFileLimits();
  private readonly searchTimeoutMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    @Inject(RESOURCE_FILE_STORE) private readonly files: FileStore,
    config: KitConfigHolder,
  ) {
    this.searchTimeoutMs = searchTimeoutMs(config.value.requestTimeoutMs);
  }

  /** Shares a resource whose file the gateway has already streamed into the file store. */
  async create(scope: AccessScope, dto: CreateResourceRequest): Promise<ResourceView> {
    return this.dataSource.transaction(async (manager) => {
      const school = await knownSchool(manager, scope, dto.schoolId);
      if (!scope.schoolIds().includes(school.id) && !managesSchool(scope, school.id, school.districtId)) {
        throw ForbiddenError.of('curriculum.resource.create-forbidden');
      }
      checkResourceFile(dto.type, dto.file, this.limits);
      const tags = normaliseTags(dto.tags);
      const fields = { ...dto, tags, description: dto.description ?? null, edition: dto.edition ?? null, unit: dto.unit ?? null };
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO resource (district_id, school_id, owner_id, owner_name, type, title, description, subject, grade, edition, unit, tags,
                               licence, visibility, file_key, file_name, file_size, file_sha256, content_type, search)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::tsvector) RETURNING id`,
        [school.districtId, school.id, scope.caller.id, uploaderName(scope), dto.type, dto.title,
          fields.description, dto.subject, dto.grade, fields.edition, fields.unit, tags, dto.licence, dto.visibility, dto.file.key,
          dto.file.filename, dto.file.size, dto.file.sha256, dto.file.contentType, searchVector(fields)],
      );
      await this.insertVersion(manager, scope, id, 1, dto.file, null);
      const row = await this.row(manager, id);
      await this.audit.record(manager, scope.caller, { districtId: row.district_id, action: 'resource.shared', entityType: 'resource', entityId: id, after: snapshot(row) });
      await this.outbox.add<ResourceSharedEvent>(manager, scope.caller, {
        subject: CurriculumEvents.resourceShared, districtId: row.district_id,
        data: { resourceId: id, districtId: row.district_id, schoolId: row.school_id, ownerId: row.owner_id, type: row.type, title: row.title, subject: row.subject, grade: row.grade, visibility: row.visibility },
      });
      return this.toView(scope, row);
    });
  }

  /**
   * A page of the resources the caller may see, searched and filtered: a capped summary (total up to
   * SEARCH_TOTAL_CAP, facets when asked), then the page's ids ordered and cut before any row is read
   * in full (see search-query.ts). Both statements run under a statement_timeout below the bus
   * timeout: a search that cannot finish in time is cancelled and answers a clear error instead of
   * running on after the gateway has given up.
   */
  async list(scope: AccessScope, query: ListResourcesQueryDto): Promise<ResourcePage> {
    const window = pageWindow(query);
    if (query.q && !toTsQueryLiteral(query.q)) return { ...toPage([], 0, window), totalCapped: false, ...(query.facets ? { facets: emptyFacets() } : {}) };
    try {
      return await this.dataSource.transaction('READ COMMITTED', async (manager) => {
        await manager.query(`SELECT set_config('statement_timeout', $1, true)`, [String(this.searchTimeoutMs)]);
        const reach = allianceReach(scope);
        const reached: { school_id: string }[] = reach ? await manager.query(reach.sql, reach.params) : [];
        const search = resourceSearch(scope, query, reached.map((row) => row.school_id));
        const summary: SummaryRow[] = await manager.query(search.summary.sql, search.summary.params);
        const matched = summary.find((row) => Number(row.g) === 15)?.n ?? 0;
        const capped = matched > SEARCH_TOTAL_CAP;
        const page = search.page(capped);
        let rows: ResourceRow[] = [];
        if (capped || matched > window.offset) {
          for (const [name, value] of Object.entries(page.settings ?? {})) await manager.query('SELECT set_config($1, $2, true)', [name, value]);
          rows = await manager.query(page.sql, page.params);
        }
        const result: ResourcePage = { ...toPage(rows.map((row) => this.toView(scope, row)), Math.min(matched, SEARCH_TOTAL_CAP), window), totalCapped: capped };
        if (query.facets) result.facets = toFacets(summary, capped);
        return result;
      });
    } catch (error) {
      if ((error as { code?: string }).code === QUERY_CANCELED) throw DomainError.coded('timeout', 'curriculum.resource.search-timeout', { seconds: Math.ceil(this.searchTimeoutMs / 1000) });
      throw error;
    }
  }

  async get(scope: AccessScope, id: string): Promise<ResourceView> {
    return this.toView(scope, await this.visible(scope, id));
  }

  async update(scope: AccessScope, id: string, changes: UpdateResourceDto): Promise<ResourceView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.visible(scope, id, manager, true);
      this.requireEditor(scope, before);
      const next = {
        title: changes.title ?? before.title,
        description: changes.description !== undefined ? changes.description : before.description,
        subject: changes.subject ?? before.subject,
        grade: changes.grade ?? before.grade,
        edition: changes.edition !== undefined ? changes.edition : before.edition,
        unit: changes.unit !== undefined ? changes.unit : before.unit,
        tags: changes.tags !== undefined ? normaliseTags(changes.tags) : before.tags,
        licence: changes.licence ?? before.licence,
        visibility: changes.visibility ?? before.visibility,
      };
      await manager.query(
        `UPDATE resource SET title = $2, description = $3, subject = $4, grade = $5, edition = $6, unit = $7, tags = $8, licence = $9,
                visibility = $10, search = $11::tsvector, updated_at = now() WHERE id = $1`,
        [id, next.title, next.description, next.subject, next.grade, next.edition, next.unit, next.tags, next.licence, next.visibility, searchVector(next)],
      );
      const after = await this.row(manager, id);
      await this.audit.record(manager, scope.caller, { districtId: after.district_id, action: 'resource.updated', entityType: 'resource', entityId: id, before: snapshot(before), after: snapshot(after) });
      await this.outbox.add<ResourceChangedEvent>(manager, scope.caller, {
        subject: CurriculumEvents.resourceUpdated, districtId: after.district_id,
        data: { resourceId: id, districtId: after.district_id, schoolId: after.school_id, visibility: after.visibility },
      });
      return this.toView(scope, after);
    });
  }

  /** Removes the resource; the files of all its versions leave the store once the removal has committed. */
  async remove(scope: AccessScope, id: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const row = await this.visible(scope, id, manager, true);
      this.requireEditor(scope, row);
      const versions: { file_key: string }[] = await manager.query('SELECT file_key FROM resource_version WHERE resource_id = $1', [id]);
      await manager.query('DELETE FROM resource WHERE id = $1', [id]);
      await this.audit.record(manager, scope.caller, { districtId: row.district_id, action: 'resource.removed', entityType: 'resource', entityId: id, before: snapshot(row) });
      await this.outbox.add<ResourceChangedEvent>(manager, scope.caller, {
        subject: CurriculumEvents.resourceRemoved, districtId: row.district_id,
        data: { resourceId: id, districtId: row.district_id, schoolId: row.school_id, visibility: row.visibility },
      });
      return new Set([row.file_key, ...versions.map((v) => v.file_key)]);
    });
    for (const key of removed) await this.files.delete(key).catch(() => undefined);
  }

  /**
   * A revised file for the resource (the uploader or the school's admin): it becomes the current
   * version that lists and downloads offer; the earlier files stay downloadable as versions.
   * The gateway has streamed the file into the store; a refusal here makes it delete it again.
   */
  async addVersion(scope: AccessScope, dto: AddResourceVersionRequest): Promise<ResourceView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.visible(scope, dto.id, manager, true);
      this.requireEditor(scope, before);
      checkResourceFile(before.type, dto.file, this.limits);
      if (dto.file.sha256 === before.file_sha256) throw ConflictError.of('curriculum.resource.same-file');
      const version = before.version + 1;
      const note = dto.note?.trim() || null;
      await this.insertVersion(manager, scope, dto.id, version, dto.file, note);
      await manager.query(
        `UPDATE resource SET file_key = $2, file_name = $3, file_size = $4, file_sha256 = $5, content_type = $6, version = $7, updated_at = now() WHERE id = $1`,
        [dto.id, dto.file.key, dto.file.filename, dto.file.size, dto.file.sha256, dto.file.contentType, version],
      );
      const after = await this.row(manager, dto.id);
      await this.audit.record(manager, scope.caller, {
        districtId: after.district_id, action: 'resource.version_added', entityType: 'resource', entityId: dto.id, before: snapshot(before), after: { ...snapshot(after), note },
      });
      await this.outbox.add<ResourceVersionAddedEvent>(manager, scope.caller, {
        subject: CurriculumEvents.resourceVersionAdded, districtId: after.district_id,
        data: { resourceId: dto.id, districtId: after.district_id, schoolId: after.school_id, visibility: after.visibility, version, filename: after.file_name, sha256: after.file_sha256 },
      });
      return this.toView(scope, after);
    });
  }

  /** Every version of a visible resource's file, newest first. */
  async versions(scope: AccessScope, id: string): Promise<ResourceVersionView[]> {
    const row = await this.visible(scope, id);
    const versions: VersionRow[] = await this.dataSource.query(
      `SELECT version, file_key, file_name, file_size, file_sha256, content_type, note, uploaded_by, uploaded_by_name, uploaded_at
         FROM resource_version WHERE resource_id = $1 ORDER BY version DESC`, [id],
    );
    return versions.map((v) => ({
      version: v.version, current: v.version === row.version, note: v.note, uploadedById: v.uploaded_by, uploadedByName: v.uploaded_by_name,
      uploadedAt: iso(v.uploaded_at), file: { filename: v.file_name, size: Number(v.file_size), contentType: v.content_type, sha256: v.file_sha256 },
    }));
  }

  /** One version's file, counted and noted like any download. */
  async downloadVersion(scope: AccessScope, id: string, version: number): Promise<ResourceDownloadView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.visible(scope, id, manager);
      const [found]: VersionRow[] = await manager.query('SELECT file_key, file_name FROM resource_version WHERE resource_id = $1 AND version = $2', [id, version]);
      if (!found) throw new NotFoundError('resource version', `${id}/${version}`);
      await this.countDownload(manager, scope, row);
      return { key: found.file_key, filename: found.file_name };
    });
  }

  private async insertVersion(
    manager: EntityManager, scope: AccessScope, resourceId: string, version: number, file: CreateResourceRequest['file'], note: string | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO resource_version (resource_id, version, file_key, file_name, file_size, file_sha256, content_type, note, uploaded_by, uploaded_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [resourceId, version, file.key, file.filename, file.size, file.sha256, file.contentType, note, scope.caller.id, uploaderName(scope)],
    );
  }

  private async countDownload(manager: EntityManager, scope: AccessScope, row: ResourceRow): Promise<void> {
    await manager.query('UPDATE resource SET download_count = download_count + 1 WHERE id = $1', [row.id]);
    await manager.query(
      'INSERT INTO resource_download (resource_id, district_id, actor_id, actor_kind, request_id) VALUES ($1, $2, $3, $4, $5)',
      [row.id, row.district_id, scope.caller.id, scope.caller.kind, scope.caller.requestId ?? null],
    );
  }

  /** Counts the download, notes who took it (a light audit), and answers where the gateway finds the bytes. */
  async download(scope: AccessScope, id: string): Promise<ResourceDownloadView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.visible(scope, id, manager);
      await this.countDownload(manager, scope, row);
      return { key: row.file_key, filename: row.file_name };
    });
  }

  /** A resource the caller may see; otherwise not found. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ResourceRow> {
    const { params, bind } = binder();
    const where = [`r.id = ${bind(id)}`];
    const visible = resourceVisibility(scope, bind);
    if (visible) where.push(visible);
    const [row]: ResourceRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM resource r LEFT JOIN directory_school s ON s.id = r.school_id WHERE ${where.join(' AND ')}${lock ? ' FOR UPDATE OF r' : ''}`,
      params,
    );
    if (!row) throw new NotFoundError('resource', id);
    return row;
  }

  private async row(manager: EntityManager, id: string): Promise<ResourceRow> {
    const [row]: ResourceRow[] = await manager.query(`SELECT ${COLUMNS} FROM resource r LEFT JOIN directory_school s ON s.id = r.school_id WHERE r.id = $1`, [id]);
    if (!row) throw new NotFoundError('resource', id);
    return row;
  }

  private canEdit(scope: AccessScope, row: ResourceRow): boolean {
    return row.owner_id === scope.caller.id || managesSchool(scope, row.school_id, row.district_id);
  }

  private requireEditor(scope: AccessScope, row: ResourceRow): void {
    if (!this.canEdit(scope, row)) throw ForbiddenError.of('curriculum.resource.edit-forbidden');
  }

  private toView(scope: AccessScope, r: ResourceRow): ResourceView {
    return {
      id: r.id, districtId: r.district_id, schoolId: r.school_id, schoolName: r.school_name ?? '', ownerId: r.owner_id, ownerName: r.owner_name,
      type: r.type, title: r.title, description: r.description, subject: r.subject, grade: r.grade, edition: r.edition, unit: r.unit,
      tags: r.tags, licence: r.licence, visibility: r.visibility,
      file: { filename: r.file_name, size: Number(r.file_size), contentType: r.content_type, sha256: r.file_sha256 },
      version: r.version, downloadCount: r.download_count, canEdit: this.canEdit(scope, r),
      ...(r.rank !== undefined && r.rank !== null ? { rank: Number(r.rank) } : {}),
      createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    };
  }
}
