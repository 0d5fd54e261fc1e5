import {
  SchoolIdDto, SetBellScheduleDto, SetLessonNeedsDto, SetTeacherLimitsDto, TeacherExchangeSubjects as S, TeacherIdDto, type BellScheduleView,
  type LessonNeedsView, type TeacherLimitsView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SolverInputsService } from './solver-inputs.service.js';

/** The itinerant timetable solver over NATS: its stored inputs. */
@Controller()
export class SolvingController {
  constructor(private readonly inputs: SolverInputsService) {}

  @MessagePattern(S.solverBellsGet)
  bells(@Payload() dto: SchoolIdDto, @Scope() scope: AccessScope): Promise<BellScheduleView> {
    return this.inputs.bells(scope, dto.schoolId);
  }

  @MessagePattern(S.solverBellsSet)
  @Writes()
  setBells(@Payload() dto: SetBellScheduleDto, @Scope() scope: AccessScope): Promise<BellScheduleView> {
    return this.inputs.setBells(scope, dto);
  }

  @MessagePattern(S.solverNeedsGet)
  needs(@Payload() dto: SchoolIdDto, @Scope() scope: AccessScope): Promise<LessonNeedsView> {
    return this.inputs.needs(scope, dto.schoolId);
  }

  @MessagePattern(S.solverNeedsSet)
  @Writes()
  setNeeds(@Payload() dto: SetLessonNeedsDto, @Scope() scope: AccessScope): Promise<LessonNeedsView> {
    return this.inputs.setNeeds(scope, dto);
  }

  @MessagePattern(S.solverLimitsGet)
  limits(@Payload() dto: TeacherIdDto, @Scope() scope: AccessScope): Promise<TeacherLimitsView> {
    return this.inputs.limits(scope, dto.teacherId);
  }

  @MessagePattern(S.solverLimitsSet)
  @Writes()
  setLimits(@Payload() dto: SetTeacherLimitsDto, @Scope() scope: AccessScope): Promise<TeacherLimitsView> {
    return this.inputs.setLimits(scope, dto);
  }
}
