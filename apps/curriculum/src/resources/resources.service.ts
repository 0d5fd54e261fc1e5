import {
  CurriculumEvents, type CreateResourceRequest, type ListResourcesQueryDto, type Page, type ResourceChangedEvent,
  type ResourceDownloadView, type ResourceSharedEvent, type ResourceType, type ResourceView, type ResourceVisibility, type UpdateResourceDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ForbiddenError, NotFoundError, OutboxWriter, pageWindow, sortOrder, toPage, type FileStore,
} from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { binder, iso, managesSchool, resourceVisibility } from '../common/access.js';
import { knownSchool } from '../common/schools.js';
import { checkResourceFile, normaliseTags, resourceFileLimits, type ResourceFileLimits } from './resource.rules.js';
import { toTsQueryLiteral, toTsVectorLiteral } from './search-tokens.js';

export const RESOURCE_FILE_STORE = Symbol('RESOURCE_FILE_STORE');

interface ResourceRow {
  id: string; district_id: string; school_id: string; owner_id: string; owner_name: string; type: ResourceType; title: string;
  description: string | null; subject: string; grade: string; edition: string | null; unit: string | null; tags: string[];
  licence: string; visibility: ResourceVisibility; file_key: string; file_name: string; file_size: string; file_sha256: string;
  content_type: string; download_count: number; created_at: Date; updated_at: Date; school_name: string | null;
  rank?: number | null; total?: string;
}

const COLUMNS = `r.id, r.district_id, r.school_id, r.owner_id, r.owner_name, r.type, r.title, r.description, r.subject, r.grade,
  r.edition, r.unit, r.tags, r.licence, r.visibility, r.file_key, r.file_name, r.file_size, r.file_sha256, r.content_type,
  r.download_count, r.created_at, r.updated_at, s.name AS school_name`;

/** The texts a resource is found by, weighted: the title counts most. */
const searchVector = (r: { title: string; description?: string | null; subject: string; grade: string; edition?: string | null; unit?: string | null; tags: string[] }): string =>
  toTsVectorLiteral([
    { text: r.title, weight: 'A' },
    { text: r.tags.join(' '), weight: 'B' },
    { text: [r.subject, r.grade, r.edition, r.unit].filter(Boolean).join(' '), weight: 'C' },
    { text: r.description, weight: 'D' },
  ]);

const snapshot = (r: ResourceRow): Record<string, unknown> => ({
  type: r.type, title: r.title, description: r.description, subject: r.subject, grade: r.grade, edition: r.edition, unit: r.unit,
  tags: r.tags, licence: r.licence, visibility: r.visibility, file: { name: r.file_name, size: Number(r.file_size), sha256: r.file_sha256 },
});

@Injectable()
export class ResourcesService {
  private readonly limits: ResourceFileLimits = resourceFileLimits();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
    @Inject(RESOURCE_FILE_STORE) private readonly files: FileStore,
  ) {}

  /** Shares a resource whose file the gateway has already streamed into the file store. */
  async create(scope: AccessScope, dto: CreateResourceRequest): Promise<ResourceView> {
    return this.dataSource.transaction(async (manager) => {
      const school = await knownSchool(manager, scope, dto.schoolId);
      if (!scope.schoolIds().includes(school.id) && !managesSchool(scope, school.id, school.districtId)) {
        throw new ForbiddenError('You share resources for your own school only');
      }
      checkResourceFile(dto.type, dto.file, this.limits);
      const tags = normaliseTags(dto.tags);
      const fields = { ...dto, tags, description: dto.description ?? null, edition: dto.edition ?? null, unit: dto.unit ?? null };
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO resource (district_id, school_id, owner_id, owner_name, type, title, description, subject, grade, edition, unit, tags,
                               licence, visibility, file_key, file_name, file_size, file_sha256, content_type, search)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20::tsvector) RETURNING id`,
        [school.districtId, school.id, scope.caller.id, (scope.caller.displayName ?? scope.caller.id).slice(0, 64), dto.type, dto.title,
          fields.description, dto.subject, dto.grade, fields.edition, fields.unit, tags, dto.licence, dto.visibility, dto.file.key,
          dto.file.filename, dto.file.size, dto.file.sha256, dto.file.contentType, searchVector(fields)],
      );
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
   * One round trip per page: visibility, filters and full-text match in one query with a window
   * count. With a search term the best matches come first unless the caller sorts otherwise.
   */
  async list(scope: AccessScope, query: ListResourcesQueryDto): Promise<Page<ResourceView>> {
    const window = pageWindow(query);
    const { params, bind } = binder();
    const where: string[] = [];
    const visible = resourceVisibility(scope, bind);
    if (visible) where.push(visible);
    if (query.type) where.push(`r.type = ${bind(query.type)}`);
    if (query.subject) where.push(`r.subject = ${bind(query.subject)}`);
    if (query.grade) where.push(`r.grade = ${bind(query.grade)}`);
    if (query.schoolId) where.push(`r.school_id = ${bind(query.schoolId)}`);
    if (query.visibility) where.push(`r.visibility = ${bind(query.visibility)}`);
    const tsquery = query.q ? toTsQueryLiteral(query.q) : null;
    let rank = 'NULL::real';
    if (query.q && !tsquery) where.push('false'); // only punctuation: nothing can match
    if (tsquery) {
      const q = bind(tsquery);
      where.push(`r.search @@ ${q}::tsquery`);
      rank = `ts_rank(r.search, ${q}::tsquery)`;
    }
    const order = sortOrder(query.sort, {
      createdAt: 'r.created_at', title: 'r.title', downloadCount: 'r.download_count', subject: 'r.subject', grade: 'r.grade', rank: 'rank',
    }, tsquery ? '-rank' : '-createdAt');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows: ResourceRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${rank} AS rank, count(*) OVER () AS total
         FROM resource r LEFT JOIN directory_school s ON s.id = r.school_id
         ${filter}
        ORDER BY ${order.column} ${order.direction} NULLS LAST, r.created_at DESC, r.id
        LIMIT ${bind(window.pageSize)} OFFSET ${bind(window.offset)}`,
      params,
    );
    let total = rows.length ? Number(rows[0]?.total) : 0;
    if (!rows.length && window.offset > 0) {
      const [count] = await this.dataSource.query(`SELECT count(*)::int AS total FROM resource r ${filter}`, params.slice(0, -2));
      total = count.total;
    }
    return toPage(rows.map((row) => this.toView(scope, row)), total, window);
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

  /** Removes the resource; its file leaves the store once the removal has committed. */
  async remove(scope: AccessScope, id: string): Promise<void> {
    const removed = await this.dataSource.transaction(async (manager) => {
      const row = await this.visible(scope, id, manager, true);
      this.requireEditor(scope, row);
      await manager.query('DELETE FROM resource WHERE id = $1', [id]);
      await this.audit.record(manager, scope.caller, { districtId: row.district_id, action: 'resource.removed', entityType: 'resource', entityId: id, before: snapshot(row) });
      await this.outbox.add<ResourceChangedEvent>(manager, scope.caller, {
        subject: CurriculumEvents.resourceRemoved, districtId: row.district_id,
        data: { resourceId: id, districtId: row.district_id, schoolId: row.school_id, visibility: row.visibility },
      });
      return row;
    });
    await this.files.delete(removed.file_key).catch(() => undefined);
  }

  /** Counts the download, notes who took it (a light audit), and answers where the gateway finds the bytes. */
  async download(scope: AccessScope, id: string): Promise<ResourceDownloadView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.visible(scope, id, manager);
      await manager.query('UPDATE resource SET download_count = download_count + 1 WHERE id = $1', [id]);
      await manager.query(
        'INSERT INTO resource_download (resource_id, district_id, actor_id, actor_kind, request_id) VALUES ($1, $2, $3, $4, $5)',
        [id, row.district_id, scope.caller.id, scope.caller.kind, scope.caller.requestId ?? null],
      );
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
    if (!this.canEdit(scope, row)) throw new ForbiddenError('Only the uploader or the school\'s admin changes this resource');
  }

  private toView(scope: AccessScope, r: ResourceRow): ResourceView {
    return {
      id: r.id, districtId: r.district_id, schoolId: r.school_id, schoolName: r.school_name ?? '', ownerId: r.owner_id, ownerName: r.owner_name,
      type: r.type, title: r.title, description: r.description, subject: r.subject, grade: r.grade, edition: r.edition, unit: r.unit,
      tags: r.tags, licence: r.licence, visibility: r.visibility,
      file: { filename: r.file_name, size: Number(r.file_size), contentType: r.content_type, sha256: r.file_sha256 },
      downloadCount: r.download_count, canEdit: this.canEdit(scope, r),
      ...(r.rank !== undefined && r.rank !== null ? { rank: Number(r.rank) } : {}),
      createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
    };
  }
}
