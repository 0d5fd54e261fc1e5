import {
  CreateDistrictDto, dashboardSubject, IdDto, MembershipSubjects, PageQueryDto, type DashboardFiguresView, type DistrictOverviewView,
  type DistrictView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MembershipDashboardService, OverviewService } from '../overview/overview.service.js';
import { DistrictsService } from './districts.service.js';

@Controller()
export class DistrictsController {
  constructor(
    private readonly districts: DistrictsService,
    private readonly overview: OverviewService,
    private readonly dashboard: MembershipDashboardService,
  ) {}

  @MessagePattern(MembershipSubjects.districtCreate)
  @Writes()
  create(@Payload() dto: CreateDistrictDto, @Scope() scope: AccessScope): Promise<DistrictView> {
    return this.districts.create(scope, dto);
  }

  @MessagePattern(MembershipSubjects.districtList)
  list(@Payload() query: PageQueryDto, @Scope() scope: AccessScope): Promise<Page<DistrictView>> {
    return this.districts.list(scope, query);
  }

  @MessagePattern(MembershipSubjects.districtGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<DistrictView> {
    return this.districts.get(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.districtOverview)
  districtOverview(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<DistrictOverviewView> {
    return this.overview.district(scope, dto.id);
  }

  @MessagePattern(dashboardSubject('membership'))
  dashboardFigures(@Scope() scope: AccessScope): Promise<DashboardFiguresView> {
    return this.dashboard.figures(scope);
  }
}
