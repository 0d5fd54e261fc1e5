import {
  CreateCampusRequest, CreateSchoolDto, IdDto, ListSchoolsQueryDto, MembershipSubjects, UpdateSchoolRequest, type Page, type SchoolView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SchoolsService } from './schools.service.js';

@Controller()
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @MessagePattern(MembershipSubjects.schoolCreate)
  @Writes()
  create(@Payload() dto: CreateSchoolDto, @Scope() scope: AccessScope): Promise<SchoolView> {
    return this.schools.create(scope, dto);
  }

  @MessagePattern(MembershipSubjects.schoolList)
  list(@Payload() query: ListSchoolsQueryDto, @Scope() scope: AccessScope): Promise<Page<SchoolView>> {
    return this.schools.list(scope, query);
  }

  @MessagePattern(MembershipSubjects.schoolGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<SchoolView> {
    return this.schools.get(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.schoolUpdate)
  @Writes()
  update(@Payload() dto: UpdateSchoolRequest, @Scope() scope: AccessScope): Promise<SchoolView> {
    return this.schools.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(MembershipSubjects.campusCreate)
  @Writes()
  createCampus(@Payload() dto: CreateCampusRequest, @Scope() scope: AccessScope): Promise<SchoolView> {
    return this.schools.createCampus(scope, dto.schoolId, dto.campus);
  }
}
