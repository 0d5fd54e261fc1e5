import type { CreateFrameworkDto, DefaultFrameworkView, TermFactCatalogueView, FrameworkView, ListFrameworksQueryDto, Page, UpdateFrameworkDto } from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ForbiddenError, likePattern, NotFoundError, pageWindow, toPage, ValidationError } from '@jiaolian/service-kit';
import { isTerm } from '@jiaolian/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { iso } from '../../common/access.js';
import { DEFAULT_FRAMEWORK } from './default-framework.js';
import { checkTree, dimensionViews, termFactViews, type DimensionDef } from './framework.rules.js';

export interface Framework {
  id: string;
  districtId: string;
  lineageId: string;
  version: number;
  name: string;
  term: string;
  tree: DimensionDef[];
  inUse: boolean;
  superseded: boolean;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

interface FrameworkRow {
  id: string; district_id: string; lineage_id: string; version: number; name: string; term: string; tree: DimensionDef[];
  in_use: boolean; superseded: boolean; created_by: string; created_at: Date; updated_at: Date;
}

const COLUMNS = `f.id, f.district_id, f.lineage_id, f.version, f.name, f.term, f.tree, f.created_by, f.created_at, f.updated_at,
  EXISTS (SELECT 1 FROM eval_evaluation e WHERE e.framework_id = f.id AND e.step = 'published') AS in_use,
  EXISTS (SELECT 1 FROM eval_framework n WHERE n.lineage_id = f.lineage_id AND n.version > f.version) AS superseded`;

const toFramework = (r: FrameworkRow): Framework => ({
  id: r.id, districtId: r.district_id, lineageId: r.lineage_id, version: r.version, name: r.name, term: r.term, tree: r.tree,
  inUse: r.in_use, superseded: r.superseded, createdBy: r.created_by, createdAt: r.created_at, updatedAt: r.updated_at,
});

export const frameworkView = (f: Framework): FrameworkView => ({
  id: f.id, districtId: f.districtId, lineageId: f.lineageId, version: f.version, name: f.name, term: f.term, inUse: f.inUse, superseded: f.superseded,
  dimensions: dimensionViews(f.tree), createdBy: f.createdBy, createdAt: iso(f.createdAt), updatedAt: iso(f.updatedAt),
});

const assertTerm = (term: string): void => {
  if (!isTerm(term)) throw ValidationError.of('term', 'assessment.evaluation.term-invalid');
};

/**
 * A district's indicator frameworks (评价指标体系). District admins define them; everyone in the district
 * reads them (an evaluation explains itself by its framework). A framework a published evaluation uses
 * never changes: a change to it makes the next version of its lineage, and evaluations keep theirs.
 */
@Injectable()
export class FrameworksService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter) {}

  /** The shipped default, as a framework view not stored anywhere (a district copies it). */
  defaultFramework(): DefaultFrameworkView {
    return { name: DEFAULT_FRAMEWORK.name, dimensions: dimensionViews(checkTree(DEFAULT_FRAMEWORK.dimensions)) };
  }

  /** The term facts a computed indicator may name, the same for every district. */
  facts(): TermFactCatalogueView {
    return { items: termFactViews() };
  }

  async create(scope: AccessScope, dto: CreateFrameworkDto): Promise<FrameworkView> {
    if (!scope.inDistrict(dto.districtId)) throw new NotFoundError('district', dto.districtId);
    if (!scope.isDistrictAdmin(dto.districtId)) throw ForbiddenError.of('assessment.framework.forbidden');
    assertTerm(dto.term);
    return this.dataSource.transaction(async (manager) => {
      let tree: DimensionDef[];
      if (dto.dimensions) tree = checkTree(dto.dimensions);
      else if (dto.copyOf) {
        const source = await this.visible(scope, dto.copyOf, manager);
        if (source.districtId !== dto.districtId) throw new NotFoundError('framework', dto.copyOf);
        tree = source.tree;
      } else tree = checkTree(DEFAULT_FRAMEWORK.dimensions);
      const id = await this.insert(manager, scope, { districtId: dto.districtId, lineageId: randomUUID(), version: 1, name: dto.name.trim(), term: dto.term, tree });
      const created = await this.visible(scope, id, manager);
      await this.audit.record(manager, scope.caller, {
        districtId: dto.districtId, action: 'framework.created', entityType: 'framework', entityId: id, after: { name: created.name, term: created.term, tree, copyOf: dto.copyOf ?? null },
      });
      return frameworkView(created);
    });
  }

  async list(scope: AccessScope, query: ListFrameworksQueryDto): Promise<Page<FrameworkView>> {
    const window = pageWindow(query);
    const districts = scope.isPlatformAdmin ? null : scope.districtIds();
    const params: unknown[] = [districts, query.districtId ?? null, query.q ? likePattern(query.q) : null, window.pageSize, window.offset];
    const rows: (FrameworkRow & { total: number })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM eval_framework f
        WHERE ($1::uuid[] IS NULL OR f.district_id = ANY($1::uuid[])) AND ($2::uuid IS NULL OR f.district_id = $2)
          AND ($3::text IS NULL OR f.name ILIKE $3)
        ORDER BY f.created_at DESC, f.id LIMIT $4 OFFSET $5`,
      params,
    );
    return toPage(rows.map((r) => frameworkView(toFramework(r))), rows[0]?.total ?? 0, window);
  }

  async get(scope: AccessScope, id: string): Promise<FrameworkView> {
    return frameworkView(await this.visible(scope, id));
  }

  /** Changes the framework in place, or, when a published evaluation uses it, makes its next version. */
  async update(scope: AccessScope, id: string, changes: UpdateFrameworkDto): Promise<FrameworkView> {
    return this.dataSource.transaction(async (manager) => {
      const framework = await this.visible(scope, id, manager, true);
      if (!scope.isDistrictAdmin(framework.districtId)) throw ForbiddenError.of('assessment.framework.forbidden');
      const tree = changes.dimensions ? checkTree(changes.dimensions) : framework.tree;
      const name = changes.name?.trim() ?? framework.name;
      let resultId = framework.id;
      if (framework.inUse || framework.superseded) {
        const [{ next }]: { next: number }[] = await manager.query('SELECT max(version) + 1 AS next FROM eval_framework WHERE lineage_id = $1', [framework.lineageId]);
        resultId = await this.insert(manager, scope, { districtId: framework.districtId, lineageId: framework.lineageId, version: next, name, term: framework.term, tree });
      } else {
        await manager.query('UPDATE eval_framework SET name = $2, tree = $3, updated_at = now() WHERE id = $1', [framework.id, name, JSON.stringify(tree)]);
      }
      const after = await this.visible(scope, resultId, manager);
      await this.audit.record(manager, scope.caller, {
        districtId: framework.districtId, action: resultId === framework.id ? 'framework.updated' : 'framework.versioned', entityType: 'framework', entityId: resultId,
        before: { id: framework.id, version: framework.version, name: framework.name, tree: framework.tree }, after: { id: after.id, version: after.version, name: after.name, tree: after.tree },
      });
      return frameworkView(after);
    });
  }

  /** The framework if the caller's district holds it (locked when asked), else 404. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Framework> {
    const [row]: FrameworkRow[] = await manager.query(`SELECT ${COLUMNS} FROM eval_framework f WHERE f.id = $1 ${lock ? 'FOR UPDATE OF f' : ''}`, [id]);
    if (!row || !scope.inDistrict(row.district_id)) throw new NotFoundError('framework', id);
    return toFramework(row);
  }

  private async insert(manager: EntityManager, scope: AccessScope, f: { districtId: string; lineageId: string; version: number; name: string; term: string; tree: DimensionDef[] }): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO eval_framework (district_id, lineage_id, version, name, term, tree, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [f.districtId, f.lineageId, f.version, f.name, f.term, JSON.stringify(f.tree), scope.caller.displayName ?? scope.caller.id],
    );
    return id;
  }
}
