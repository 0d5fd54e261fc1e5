import {
  CreateTeacherDto, IdDto, ImportTeachersRequest, ImportTemplateQueryDto, ListTeachersQueryDto, TeacherExchangeSubjects, UpdateTeacherRequest,
  type ImportTemplateFile, type Page, type TeacherImportReport, type TeacherView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TeacherImportService } from './teacher-import.service.js';
import { TeachersService } from './teachers.service.js';

@Controller()
export class TeachersController {
  constructor(private readonly teachers: TeachersService, private readonly imports: TeacherImportService) {}

  @MessagePattern(TeacherExchangeSubjects.teacherCreate)
  @Writes()
  create(@Payload() dto: CreateTeacherDto, @Scope() scope: AccessScope): Promise<TeacherView> {
    return this.teachers.create(scope, dto);
  }

  @MessagePattern(TeacherExchangeSubjects.teacherList)
  list(@Payload() query: ListTeachersQueryDto, @Scope() scope: AccessScope): Promise<Page<TeacherView>> {
    return this.teachers.list(scope, query);
  }

  @MessagePattern(TeacherExchangeSubjects.teacherGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<TeacherView> {
    return this.teachers.get(scope, dto.id);
  }

  @MessagePattern(TeacherExchangeSubjects.teacherUpdate)
  @Writes()
  update(@Payload() dto: UpdateTeacherRequest, @Scope() scope: AccessScope): Promise<TeacherView> {
    return this.teachers.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(TeacherExchangeSubjects.teacherImport)
  @Writes()
  import(@Payload() dto: ImportTeachersRequest, @Scope() scope: AccessScope): Promise<TeacherImportReport> {
    return this.imports.import(scope, dto);
  }

  @MessagePattern(TeacherExchangeSubjects.teacherImportTemplate)
  template(@Payload() dto: ImportTemplateQueryDto, @Scope() scope: AccessScope): Promise<ImportTemplateFile> {
    scope.requireAnyRole('district_admin', 'school_admin', 'alliance_admin');
    return this.imports.template(dto.format ?? 'xlsx');
  }
}
