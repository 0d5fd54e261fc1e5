import {
  QUOTA_CATEGORIES, QUOTA_COUNTED_KINDS, TeacherExchangeEvents, type QuotaCategory, type QuotaProgressView, type QuotaQueryDto, type QuotaRuleView,
  type QuotaSetEvent, type QuotaView, type SetQuotaDto,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, fieldError, ForbiddenError, NotFoundError, OutboxWriter, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { COUNTED_STATUSES } from '../placements/placement.rules.js';
import { quotaState } from './quota.rules.js';

interface AllianceRow { id: string; district_id: string; name: string | null; status: string; school_ids: string[] }

const byCategory = (a: QuotaRuleView, b: QuotaRuleView): number => QUOTA_CATEGORIES.indexOf(a.category) - QUOTA_CATEGORIES.indexOf(b.category);

@Injectable()
export class QuotasService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter, private readonly outbox: OutboxWriter) {}

  /**
   * An alliance the caller may see: district admins their district's, alliance admins theirs,
   * school staff the alliances their school is an active member of.
   */
  private async alliance(scope: AccessScope, allianceId: string, manager: EntityManager = this.dataSource.manager): Promise<AllianceRow> {
    const [row]: AllianceRow[] = await manager.query(
      `SELECT a.id, a.district_id, a.name, a.status,
              COALESCE(array_agg(m.school_id::text) FILTER (WHERE m.school_id IS NOT NULL), '{}') AS school_ids
         FROM directory_alliance a LEFT JOIN directory_member m ON m.alliance_id = a.id AND m.active
        WHERE a.id = $1 GROUP BY a.id`,
      [allianceId],
    );
    const visible = row && (scope.isAllianceAdmin(row.id, row.district_id) || row.school_ids.some((s) => scope.schoolIds().includes(s)));
    if (!visible) throw new NotFoundError('alliance', allianceId);
    return row;
  }

  private async rules(allianceId: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<QuotaRuleView[]> {
    const rows: { category: QuotaCategory; min_count: number; max_count: number }[] = await manager.query(
      'SELECT category, min_count, max_count FROM exchange_quota WHERE alliance_id = $1 AND year = $2', [allianceId, year],
    );
    return rows.map((r) => ({ category: r.category, min: r.min_count, max: r.max_count })).sort(byCategory);
  }

  async get(scope: AccessScope, query: QuotaQueryDto): Promise<QuotaView> {
    await this.alliance(scope, query.allianceId);
    return { allianceId: query.allianceId, year: query.year, rules: await this.rules(query.allianceId, query.year) };
  }

  /** Replaces the alliance's rule set for the year (alliance admin or district admin). */
  async set(scope: AccessScope, dto: SetQuotaDto): Promise<QuotaView> {
    const errors = dto.rules.flatMap((r, i) => (r.max < r.min ? [fieldError(`rules.${i}.max`, 'exchange.quota.max-below-min')] : []));
    if (errors.length) throw new ValidationError(errors);
    return this.dataSource.transaction(async (manager) => {
      const alliance = await this.alliance(scope, dto.allianceId, manager);
      if (!scope.isAllianceAdmin(alliance.id, alliance.district_id)) throw ForbiddenError.of('exchange.quota.set-forbidden');
      const before = await this.rules(alliance.id, dto.year, manager);
      await manager.query('DELETE FROM exchange_quota WHERE alliance_id = $1 AND year = $2', [alliance.id, dto.year]);
      for (const rule of dto.rules) {
        await manager.query(
          'INSERT INTO exchange_quota (alliance_id, year, category, district_id, min_count, max_count, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [alliance.id, dto.year, rule.category, alliance.district_id, rule.min, rule.max, scope.caller.id],
        );
      }
      const rules = [...dto.rules].map((r) => ({ category: r.category, min: r.min, max: r.max })).sort(byCategory);
      await this.audit.record(manager, scope.caller, {
        districtId: alliance.district_id, action: 'quota.set', entityType: 'alliance', entityId: alliance.id, before: { year: dto.year, rules: before }, after: { year: dto.year, rules },
      });
      await this.outbox.add<QuotaSetEvent>(manager, scope.caller, {
        subject: TeacherExchangeEvents.quotaSet, districtId: alliance.district_id, data: { districtId: alliance.district_id, allianceId: alliance.id, year: dto.year, rules },
      });
      return { allianceId: alliance.id, year: dto.year, rules };
    });
  }

  /**
   * Plan versus actual per member school: distinct teachers each school sent under this alliance in
   * placements that count (rotation, itinerant, support; approved, active or completed) starting in the year.
   */
  async progress(scope: AccessScope, query: QuotaQueryDto): Promise<QuotaProgressView> {
    const alliance = await this.alliance(scope, query.allianceId);
    const rules = await this.rules(alliance.id, query.year);
    const counts: { school_id: string; name: string | null; middle_manager: number; backbone: number; any: number }[] = await this.dataSource.query(
      `SELECT s.id AS school_id, ds.name,
              count(DISTINCT t.id) FILTER (WHERE t.middle_manager)::int AS middle_manager,
              count(DISTINCT t.id) FILTER (WHERE t.rank <> 'none')::int AS backbone,
              count(DISTINCT t.id)::int AS any
         FROM unnest($1::uuid[]) AS s(id)
         LEFT JOIN directory_school ds ON ds.id = s.id
         LEFT JOIN placement p ON p.home_school_id = s.id AND p.alliance_id = $2 AND p.status = ANY($3) AND p.kind = ANY($4)
                              AND p.starts_on >= make_date($5, 1, 1) AND p.starts_on < make_date($5 + 1, 1, 1)
         LEFT JOIN teacher t ON t.id = p.teacher_id
        GROUP BY s.id, ds.name
        ORDER BY ds.name NULLS LAST, s.id`,
      [alliance.school_ids, alliance.id, COUNTED_STATUSES, QUOTA_COUNTED_KINDS, query.year],
    );
    const schools = counts.map((c) => {
      const categories = rules.map((r) => {
        const actual = c[r.category];
        return { category: r.category, min: r.min, max: r.max, actual, state: quotaState(actual, r.min, r.max) };
      });
      return { schoolId: c.school_id, schoolName: c.name ?? '', categories, behind: categories.some((x) => x.state === 'behind') };
    });
    return { allianceId: alliance.id, allianceName: alliance.name ?? '', year: query.year, rules, schools };
  }
}
