import {
  CreateTeacherAccountsDto, TeacherAccountsQueryDto, TeacherExchangeSubjects, type TeacherAccountsResultView, type TeacherAccountView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TeacherAccountsService } from './teacher-accounts.service.js';

@Controller()
export class TeacherAccountsController {
  constructor(private readonly accounts: TeacherAccountsService) {}

  @MessagePattern(TeacherExchangeSubjects.teacherAccountsCreate)
  @Writes()
  create(@Payload() dto: CreateTeacherAccountsDto, @Scope() scope: AccessScope): Promise<TeacherAccountsResultView> {
    return this.accounts.create(scope, dto);
  }

  @MessagePattern(TeacherExchangeSubjects.teacherAccountsList)
  list(@Payload() query: TeacherAccountsQueryDto, @Scope() scope: AccessScope): Promise<TeacherAccountView[]> {
    return this.accounts.list(scope, query.schoolId);
  }
}
