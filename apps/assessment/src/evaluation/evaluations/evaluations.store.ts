import type { DimensionScoreView, EvaluationStep, EvaluationTargetType } from '@jiaolian/contracts';
import { AccessScope, NotFoundError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DimensionDef } from '../framework/framework.rules.js';
import type { ComputedResult, Entries, FactRow } from './evaluation.rules.js';

/** An evaluation as the service works with it (rows never leave the service; views do). */
export interface Evaluation {
  id: string;
  districtId: string;
  allianceId: string;
  schoolId: string | null;
  targetType: EvaluationTargetType;
  term: string;
  frameworkId: string;
  version: number;
  previousId: string | null;
  correctionReason: string | null;
  step: EvaluationStep;
  superseded: boolean;
  tree: DimensionDef[];
  facts: Record<string, FactRow[]>;
  computed: Record<string, ComputedResult>;
  entries: Entries;
  dimensions: Omit<DimensionScoreView, 'indicators'>[];
  total: number | null;
  unavailable: string[];
  factsGatheredAt: Date | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface EvaluationRow {
  id: string; district_id: string; alliance_id: string; school_id: string | null; target_type: EvaluationTargetType; term: string; framework_id: string;
  version: number; previous_id: string | null; correction_reason: string | null; step: EvaluationStep; superseded: boolean; tree: DimensionDef[];
  facts: Record<string, FactRow[]>; computed: Record<string, ComputedResult>; entries: Entries; dimensions: Omit<DimensionScoreView, 'indicators'>[];
  total: string | null; unavailable: string[]; facts_gathered_at: Date | null; published_at: Date | null; created_at: Date; updated_at: Date;
}

export const toEvaluation = (r: EvaluationRow): Evaluation => ({
  id: r.id, districtId: r.district_id, allianceId: r.alliance_id, schoolId: r.school_id, targetType: r.target_type, term: r.term, frameworkId: r.framework_id,
  version: r.version, previousId: r.previous_id, correctionReason: r.correction_reason, step: r.step, superseded: r.superseded, tree: r.tree, facts: r.facts,
  computed: r.computed, entries: r.entries, dimensions: r.dimensions, total: r.total === null ? null : Number(r.total), unavailable: r.unavailable,
  factsGatheredAt: r.facts_gathered_at, publishedAt: r.published_at, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** Who sees an evaluation: the district's admins, the alliance's admins, and the school's own staff for a school evaluation. */
export const canSeeEvaluation = (scope: AccessScope, e: Pick<Evaluation, 'districtId' | 'allianceId' | 'schoolId'>): boolean =>
  scope.isAllianceAdmin(e.allianceId, e.districtId) || (e.schoolId !== null && scope.schoolIds().includes(e.schoolId));

/** SQL condition on an evaluation alias `e` for canSeeEvaluation; `$n` from `first`. Undefined means everything. */
export function evaluationVisibility(scope: AccessScope, first: number): { sql: string; params: unknown[] } | undefined {
  if (scope.isPlatformAdmin) return undefined;
  return {
    sql: `(e.district_id = ANY($${first}::uuid[]) OR e.alliance_id = ANY($${first + 1}::uuid[]) OR e.school_id = ANY($${first + 2}::uuid[]))`,
    params: [scope.adminDistrictIds(), scope.adminAllianceIds(), scope.schoolIds()],
  };
}

@Injectable()
export class EvaluationsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The evaluation if the caller may see it (locked when asked), else 404. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Evaluation> {
    const [row]: EvaluationRow[] = await manager.query(`SELECT * FROM eval_evaluation WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row || !canSeeEvaluation(scope, toEvaluation(row))) throw new NotFoundError('evaluation', id);
    return toEvaluation(row);
  }

  async query(sql: string, params: unknown[], manager: EntityManager = this.dataSource.manager): Promise<Evaluation[]> {
    const rows: EvaluationRow[] = await manager.query(sql, params);
    return rows.map(toEvaluation);
  }

  /** Names of alliances and schools as the directory knows them. */
  async names(allianceIds: string[], schoolIds: string[], manager: EntityManager = this.dataSource.manager): Promise<{ alliances: Map<string, string>; schools: Map<string, string> }> {
    const alliances: { id: string; name: string | null }[] = allianceIds.length
      ? await manager.query('SELECT id, name FROM directory_alliance WHERE id = ANY($1::uuid[])', [allianceIds]) : [];
    const schools: { id: string; name: string }[] = schoolIds.length
      ? await manager.query('SELECT id, name FROM directory_school WHERE id = ANY($1::uuid[])', [schoolIds]) : [];
    return {
      alliances: new Map(alliances.flatMap((a) => (a.name ? [[a.id, a.name] as const] : []))),
      schools: new Map(schools.map((s) => [s.id, s.name])),
    };
  }

  /** The district's active alliances (all, or one) with their active member schools. */
  async alliancesOf(districtId: string, allianceId?: string, manager: EntityManager = this.dataSource.manager): Promise<{ allianceId: string; schoolIds: string[] }[]> {
    const rows: { id: string; school_ids: string[] }[] = await manager.query(
      `SELECT a.id, COALESCE(array_agg(m.school_id::text ORDER BY m.school_id) FILTER (WHERE m.school_id IS NOT NULL), '{}') AS school_ids
         FROM directory_alliance a LEFT JOIN directory_member m ON m.alliance_id = a.id AND m.active
        WHERE a.district_id = $1 AND a.status = 'active' AND ($2::uuid IS NULL OR a.id = $2)
        GROUP BY a.id ORDER BY a.id`,
      [districtId, allianceId ?? null],
    );
    return rows.map((r) => ({ allianceId: r.id, schoolIds: r.school_ids }));
  }
}
