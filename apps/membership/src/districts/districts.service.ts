import {
  PLATFORM_DISTRICT, type CreateDistrictDto, type DistrictView, type Page, type PageQueryDto,
} from '@jiaolian/contracts';
import {
  AccessScope, AuditWriter, ConflictError, fieldError, ForbiddenError, likePattern, NotFoundError, pageWindow, sortOrder, toPage,
} from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { iso } from '../common/access.js';
import { DistrictEntity } from './district.entity.js';

export const toDistrictView = (d: DistrictEntity): DistrictView => ({
  id: d.id, code: d.code, name: d.name, province: d.province, city: d.city, createdAt: iso(d.createdAt),
});

@Injectable()
export class DistrictsService {
  constructor(private readonly dataSource: DataSource, private readonly audit: AuditWriter) {}

  async create(scope: AccessScope, dto: CreateDistrictDto): Promise<DistrictView> {
    if (!scope.isPlatformAdmin) throw ForbiddenError.of('membership.district.create-forbidden');
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(DistrictEntity);
      if (await repo.exists({ where: { code: dto.code } })) {
        throw ConflictError.of('membership.district.code-exists', { code: dto.code }, [fieldError('code', 'membership.district.code-used')]);
      }
      const district = await repo.save(repo.create({ code: dto.code, name: dto.name, province: dto.province ?? null, city: dto.city ?? null }));
      const view = toDistrictView(district);
      await this.audit.record(manager, scope.caller, { districtId: district.id, action: 'district.created', entityType: 'district', entityId: district.id, after: view });
      return view;
    });
  }

  async list(scope: AccessScope, query: PageQueryDto): Promise<Page<DistrictView>> {
    const window = pageWindow(query);
    const order = sortOrder(query.sort, { name: 'd.name', code: 'd.code', createdAt: 'd.created_at' }, 'code');
    const qb = this.dataSource.getRepository(DistrictEntity).createQueryBuilder('d');
    if (!scope.isPlatformAdmin) qb.andWhere('d.id = ANY(:ids::uuid[])', { ids: scope.districtIds() });
    if (query.q) qb.andWhere("(d.name ILIKE :q ESCAPE '\\' OR d.code LIKE :q ESCAPE '\\')", { q: likePattern(query.q) });
    const [rows, total] = await qb.orderBy(order.column, order.direction).addOrderBy('d.id').offset(window.offset).limit(window.pageSize).getManyAndCount();
    return toPage(rows.map(toDistrictView), total, window);
  }

  async get(scope: AccessScope, id: string): Promise<DistrictView> {
    return toDistrictView(await this.visible(scope, id));
  }

  /** The district if the caller holds a role in it; otherwise not found. */
  async visible(scope: AccessScope, id: string, manager: EntityManager = this.dataSource.manager): Promise<DistrictEntity> {
    if (!scope.inDistrict(id)) throw new NotFoundError('district', id);
    const district = await manager.getRepository(DistrictEntity).findOne({ where: { id } });
    if (!district) throw new NotFoundError('district', id);
    return district;
  }
}

/** The district id a caller's assignment names on the wire for a stored (nullable) district. */
export const wireDistrictId = (districtId: string | null): string => districtId ?? PLATFORM_DISTRICT;
