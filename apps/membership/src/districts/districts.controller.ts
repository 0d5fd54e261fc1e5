import {
  CreateDistrictDto, IdDto, MembershipSubjects, PageQueryDto, type DistrictOverviewView, type DistrictView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { OverviewService } from '../overview/overview.service.js';
import { DistrictsService } from './districts.service.js';

@Controller()
export class DistrictsController {
  constructor(private readonly districts: DistrictsService, private readonly overview: OverviewService) {}

  @MessagePattern(MembershipSubjects.districtCreate)
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
}
