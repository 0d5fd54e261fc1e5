import {
  CreateFacilityDto, CurriculumSubjects, IdDto, ListFacilitiesQueryDto, UpdateFacilityRequest, type FacilityView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { FacilitiesService } from './facilities.service.js';

@Controller()
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @MessagePattern(CurriculumSubjects.facilityCreate)
  @Writes()
  create(@Payload() dto: CreateFacilityDto, @Scope() scope: AccessScope): Promise<FacilityView> {
    return this.facilities.create(scope, dto);
  }

  @MessagePattern(CurriculumSubjects.facilityList)
  list(@Payload() query: ListFacilitiesQueryDto, @Scope() scope: AccessScope): Promise<Page<FacilityView>> {
    return this.facilities.list(scope, query);
  }

  @MessagePattern(CurriculumSubjects.facilityGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<FacilityView> {
    return this.facilities.get(scope, dto.id);
  }

  @MessagePattern(CurriculumSubjects.facilityUpdate)
  @Writes()
  update(@Payload() dto: UpdateFacilityRequest, @Scope() scope: AccessScope): Promise<FacilityView> {
    return this.facilities.update(scope, dto.id, dto.changes);
  }
}
