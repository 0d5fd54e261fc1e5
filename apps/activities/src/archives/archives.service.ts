import type { ArchiveStatus, ArchiveView, BriefingScope, CreateArchiveDto, ListArchivesQueryDto, Page, StoredDownloadView } from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, NotFoundError, pageWindow, sortOrder, toPage } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlParams } from '../common/access.js';
import { iso, isoOrNull } from '../common/time.js';
import { resolveReportScope } from '../briefings/report-scope.js';
import { assertTerm } from '../plans/plan.rules.js';
import { ArchiveWorker } from './archive-worker.js';

interface ArchiveRow {
  id: string; district_id: string; alliance_id: string | null; scope: BriefingScope; scope_name: string; term: string; status: ArchiveStatus; progress: number;
  error: string | null; entries: number; file_key: string | null; file_size: string | null; attempts: number; requested_by: string; created_at: Date;
  finished_at: Date | null; total?: string;
}

const actorName = (scope: AccessScope): string => (scope.caller.displayName ?? scope.caller.id).slice(0, 64);

const view = (r: ArchiveRow): ArchiveView => ({
  id: r.id, scope: r.scope, districtId: r.district_id, allianceId: r.alliance_id, scopeName: r.scope_name, term: r.term, status: r.status, progress: r.progress,
  error: r.error, entries: r.entries, size: r.file_size === null ? null : Number(r.file_size), attempts: r.attempts, requestedBy: r.requested_by,
  createdAt: iso(r.created_at), finishedAt: isoOrNull(r.finished_at),
});

/**
 * Archives hold every school's records of the term: only the admins who may request them see them. A
 * district admin sees their district's (district and alliance archives), an alliance admin their
 * alliances'; anyone else gets 404.
 */
const archiveVisibleSql = (scope: AccessScope, alias: string, p: SqlParams): string => (scope.isPlatformAdmin ? 'true'
  : `(${alias}.district_id = ANY(${p.add(scope.adminDistrictIds())}::uuid[]) OR ${alias}.alliance_id = ANY(${p.add(scope.adminAllianceIds())}::uuid[]))`);

/** Semester archives (学期归档): requesting one queues a job for the ArchiveWorker; lists, progress and the download. */
@Injectable()
export class ArchivesService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter, private readonly worker: ArchiveWorker) {}

  async create(scope: AccessScope, dto: CreateArchiveDto): Promise<ArchiveView> {
    assertTerm(dto.term);
    const id = await this.dataSource.transaction(async (manager) => {
      const target = await resolveReportScope(manager, scope, dto);
      const [running] = await manager.query(
        `SELECT 1 FROM archive_job WHERE district_id = $1 AND alliance_id IS NOT DISTINCT FROM $2 AND term = $3 AND status IN ('queued', 'running')`,
        [target.districtId, target.allianceId, dto.term],
      );
      if (running) throw ConflictError.of('activities.archive.running');
      const { requestId: _requestId, ...caller } = scope.caller;
      const [{ id: jobId }]: { id: string }[] = await manager.query(
        `INSERT INTO archive_job (district_id, alliance_id, scope, scope_name, term, status, requested_by_id, requested_by, caller)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8) RETURNING id`,
        [target.districtId, target.allianceId, target.scope, target.name.slice(0, 200), dto.term, scope.caller.id, actorName(scope), JSON.stringify(caller)],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: target.districtId, action: 'archive.requested', entityType: 'archive_job', entityId: jobId,
        after: { scope: target.scope, allianceId: target.allianceId, term: dto.term },
      });
      return jobId;
    }).catch((error: unknown) => {
      // two requests at once: the partial unique index lets one in
      if ((error as { code?: string }).code === '23505') throw ConflictError.of('activities.archive.running');
      throw error;
    });
    this.worker.kick();
    return this.get(scope, id);
  }

  async list(scope: AccessScope, query: ListArchivesQueryDto): Promise<Page<ArchiveView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { createdAt: 'a.created_at', term: 'a.term', status: 'a.status' }, '-createdAt');
    const p = new SqlParams();
    const where = [archiveVisibleSql(scope, 'a', p)];
    if (query.term) where.push(`a.term = ${p.add(query.term)}`);
    if (query.allianceId) where.push(`a.alliance_id = ${p.add(query.allianceId)}`);
    if (query.status) where.push(`a.status = ${p.add(query.status)}`);
    const rows: ArchiveRow[] = await this.dataSource.query(
      `SELECT a.*, count(*) OVER () AS total FROM archive_job a WHERE ${where.join(' AND ')}
        ORDER BY ${order.column} ${order.direction}, a.id LIMIT ${p.add(window.pageSize)} OFFSET ${p.add(window.offset)}`,
      p.values,
    );
    return toPage(rows.map(view), Number(rows[0]?.total ?? 0), window);
  }

  async get(scope: AccessScope, id: string): Promise<ArchiveView> {
    return view(await this.row(scope, id));
  }

  async download(scope: AccessScope, id: string): Promise<StoredDownloadView> {
    const row = await this.row(scope, id);
    if (row.status !== 'done' || !row.file_key) throw ConflictError.of('activities.archive.not-ready', { archiveStatus: row.status });
    return { key: row.file_key, filename: `${row.scope_name}-${row.term}-学期归档.zip` };
  }

  private async row(scope: AccessScope, id: string): Promise<ArchiveRow> {
    const p = new SqlParams();
    const [row]: ArchiveRow[] = await this.dataSource.query(`SELECT a.* FROM archive_job a WHERE a.id = ${p.add(id)} AND ${archiveVisibleSql(scope, 'a', p)}`, p.values);
    if (!row) throw new NotFoundError('Archive', id);
    return row;
  }
}
