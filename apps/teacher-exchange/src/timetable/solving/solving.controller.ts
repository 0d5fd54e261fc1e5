import {
  AllianceIdDto, CreateSolveJobDto, IdDto, MoveLessonDto, SetTravelDto, type SolveAcceptedView, type SolveJobCreatedView, type SolveJobView, type TravelView,
  SchoolIdDto, SetBellScheduleDto, SetLessonNeedsDto, SetTeacherLimitsDto, TeacherExchangeSubjects as S, TeacherIdDto, type BellScheduleView,
  type LessonNeedsView, type TeacherLimitsView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SolveJobsService } from './solve-jobs.service.js';
import { SolverInputsService } from './solver-inputs.service.js';

/** The itinerant timetable solver over NATS: its stored inputs and its solve jobs. */
@Controller()
export class SolvingController {
  constructor(private readonly inputs: SolverInputsService, private readonly jobs: SolveJobsService) {}

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

  @MessagePattern(S.solverTravelList)
  travel(@Payload() dto: AllianceIdDto, @Scope() scope: AccessScope): Promise<TravelView> {
    return this.inputs.travel(scope, dto.allianceId);
  }

  @MessagePattern(S.solverTravelSet)
  @Writes()
  setTravel(@Payload() dto: SetTravelDto, @Scope() scope: AccessScope): Promise<{ schoolAId: string; schoolBId: string; minutes: number | null }> {
    return this.inputs.setTravel(scope, dto);
  }

  @MessagePattern(S.solveCreate)
  @Writes()
  createSolve(@Payload() dto: CreateSolveJobDto, @Scope() scope: AccessScope): Promise<SolveJobCreatedView> {
    return this.jobs.create(scope, dto);
  }

  @MessagePattern(S.solveGet)
  solve(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<SolveJobView> {
    return this.jobs.get(scope, dto.id);
  }

  @MessagePattern(S.solveMove)
  @Writes()
  move(@Payload() dto: MoveLessonDto, @Scope() scope: AccessScope): Promise<SolveJobView> {
    return this.jobs.move(scope, dto);
  }

  @MessagePattern(S.solveAccept)
  @Writes()
  accept(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<SolveAcceptedView> {
    return this.jobs.accept(scope, dto.id);
  }
}
