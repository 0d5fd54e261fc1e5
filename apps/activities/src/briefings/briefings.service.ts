import type {
  BriefingContent, BriefingDetailView, BriefingFormat, BriefingPeriodKind, BriefingScope, BriefingView, CreateBriefingDto, ListBriefingsQueryDto, Page,
  StoredDownloadView,
} from '@jiaolian/contracts';
import { termRange } from '@jiaolian/contracts';
import { AccessScope, AuditWriter, likePattern, NotFoundError, pageWindow, sortOrder, toPage, type FileStore } from '@jiaolian/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { SqlParams, visibleSql } from '../common/access.js';
import { ACTIVITIES_FILE_STORE } from '../common/file-store.js';
import { dateOnly, iso, shanghaiDate } from '../common/time.js';
import { BriefingAssembler } from './briefing-assembler.js';
import { renderBriefingPdf, renderBriefingXlsx } from './briefing-render.js';
import { periodTitle, resolvePeriod } from './briefing.rules.js';
import { resolveReportScope } from './report-scope.js';

interface BriefingRow {
  id: string; district_id: string; alliance_id: string | null; scope: BriefingScope; scope_name: string; period_kind: BriefingPeriodKind; period: string;
  from_day: string | Date; to_day: string | Date; term: string; title: string; content?: BriefingContent; pdf_key: string; xlsx_key: string;
  issued_by: string; issued_at: Date; total?: string;
}

const CONTENT_TYPES: Record<BriefingFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** A briefing's renderings are a few hundred KB; this only guards the store. */
const MAX_RENDER_BYTES = 50 * 1024 * 1024;

const actorName = (scope: AccessScope): string => (scope.caller.displayName ?? scope.caller.id).slice(0, 64);

const view = (r: BriefingRow): BriefingView => ({
  id: r.id, scope: r.scope, districtId: r.district_id, allianceId: r.alliance_id, scopeName: r.scope_name, periodKind: r.period_kind, period: r.period,
  from: dateOnly(r.from_day), to: dateOnly(r.to_day), term: r.term, title: r.title, issuedBy: r.issued_by, issuedAt: iso(r.issued_at),
});

/**
 * Briefings (季度通报): issued once as a frozen snapshot with its PDF and .xlsx in the file store, never
 * changed after. District admins issue and read their district's; alliance admins their alliances';
 * school staff read the briefings of the alliances their school is an active member of. Anything else
 * answers 404.
 */
@Injectable()
export class BriefingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assembler: BriefingAssembler,
    private readonly audit: AuditWriter,
    @Inject(ACTIVITIES_FILE_STORE) private readonly files: FileStore,
  ) {}

  async create(scope: AccessScope, dto: CreateBriefingDto, now = new Date()): Promise<BriefingDetailView> {
    const period = resolvePeriod(dto, shanghaiDate(now));
    const resolved = await resolveReportScope(this.dataSource, scope, dto);
    // a district briefing carries the district's own name, asked of membership (本区县 when it does not answer)
    const target = resolved.scope === 'district' ? { ...resolved, name: (await this.assembler.districtName(resolved.districtId)) ?? resolved.name } : resolved;
    const content = await this.assembler.assemble(target, period, now);
    const id = randomUUID();
    const briefing: BriefingDetailView = {
      id, scope: target.scope, districtId: target.districtId, allianceId: target.allianceId, scopeName: target.name, periodKind: period.kind,
      period: period.label, from: period.from, to: period.to, term: period.term,
      title: dto.title?.trim() ?? `${target.name}${periodTitle(period)}工作简报`, issuedBy: actorName(scope), issuedAt: iso(now), content,
    };
    const keys = { pdf: `activities/briefings/${id}.pdf`, xlsx: `activities/briefings/${id}.xlsx` };
    const renderings = { pdf: await renderBriefingPdf(briefing), xlsx: await renderBriefingXlsx(briefing) };
    try {
      for (const format of ['pdf', 'xlsx'] as const) {
        await this.files.put(Readable.from([renderings[format]]), {
          key: keys[format], filename: `${briefing.title}.${format}`, contentType: CONTENT_TYPES[format], maxBytes: MAX_RENDER_BYTES,
        });
      }
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `INSERT INTO briefing (id, district_id, alliance_id, scope, scope_name, period_kind, period, from_day, to_day, term, title, content, pdf_key, xlsx_key,
                                 issued_by_id, issued_by, issued_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
          [id, briefing.districtId, briefing.allianceId, briefing.scope, briefing.scopeName.slice(0, 200), briefing.periodKind, briefing.period, briefing.from,
            briefing.to, briefing.term, briefing.title.slice(0, 200), JSON.stringify(content), keys.pdf, keys.xlsx, scope.caller.id, briefing.issuedBy, now],
        );
        await this.audit.record(manager, scope.caller, {
          districtId: briefing.districtId, action: 'briefing.issued', entityType: 'briefing', entityId: id,
          after: { scope: briefing.scope, allianceId: briefing.allianceId, period: briefing.period, from: briefing.from, to: briefing.to, title: briefing.title },
        });
      });
    } catch (error) {
      await Promise.all(Object.values(keys).map((key) => this.files.delete(key).catch(() => undefined)));
      throw error;
    }
    return briefing;
  }

  async list(scope: AccessScope, query: ListBriefingsQueryDto): Promise<Page<BriefingView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { issuedAt: 'b.issued_at', from: 'b.from_day', title: 'b.title' }, '-issuedAt');
    const p = new SqlParams();
    const where = [visibleSql(scope, 'b', p)];
    if (query.scope) where.push(`b.scope = ${p.add(query.scope)}`);
    if (query.allianceId) where.push(`b.alliance_id = ${p.add(query.allianceId)}`);
    if (query.term) {
      const range = termRange(query.term);
      where.push(`b.from_day >= ${p.add(range.from)}::date AND b.to_day < ${p.add(range.to)}::date`);
    }
    if (query.q) where.push(`b.title ILIKE ${p.add(likePattern(query.q))} ESCAPE '\\'`);
    const rows: BriefingRow[] = await this.dataSource.query(
      `SELECT b.id, b.district_id, b.alliance_id, b.scope, b.scope_name, b.period_kind, b.period, b.from_day, b.to_day, b.term, b.title, b.pdf_key, b.xlsx_key,
              b.issued_by, b.issued_at, count(*) OVER () AS total
         FROM briefing b WHERE ${where.join(' AND ')} ORDER BY ${order.column} ${order.direction}, b.id LIMIT ${p.add(window.pageSize)} OFFSET ${p.add(window.offset)}`,
      p.values,
    );
    return toPage(rows.map(view), Number(rows[0]?.total ?? 0), window);
  }

  async get(scope: AccessScope, id: string): Promise<BriefingDetailView> {
    const row = await this.row(scope, id);
    return { ...view(row), content: row.content! };
  }

  async download(scope: AccessScope, id: string, format: BriefingFormat): Promise<StoredDownloadView> {
    const row = await this.row(scope, id);
    return { key: format === 'pdf' ? row.pdf_key : row.xlsx_key, filename: `${row.title}.${format}` };
  }

  private async row(scope: AccessScope, id: string): Promise<BriefingRow> {
    const p = new SqlParams();
    const [row]: BriefingRow[] = await this.dataSource.query(
      `SELECT b.* FROM briefing b WHERE b.id = ${p.add(id)} AND ${visibleSql(scope, 'b', p)}`, p.values,
    );
    if (!row) throw new NotFoundError('Briefing', id);
    return row;
  }
}
