import { Body, Controller, Get, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  BellScheduleFieldsDto, BellScheduleView, CreateSolveJobDto, LessonNeedsFieldsDto, LessonNeedsView, MoveLessonFieldsDto, SetTravelDto, SolveAcceptedView,
  SolveJobCreatedView, SolveJobView, TeacherExchangeSubjects as S, TeacherLimitsFieldsDto, TeacherLimitsView, TravelEntryView, TravelView,
  type AllianceIdDto, type IdDto, type MoveLessonDto, type SchoolIdDto, type SetBellScheduleDto, type SetLessonNeedsDto, type SetTeacherLimitsDto,
  type TeacherIdDto,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

/**
 * The itinerant timetable solver (走教排课): what it reads (a school's bell schedule and lessons needed, a
 * teacher's unavailable times and travel limit, travel minutes between schools) and its solve jobs.
 */
@ApiTags('teacher-exchange')
@ClientScopes('exchange')
@Controller('teacher-exchange/timetable-solver')
export class TimetableSolverController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('schools/:id/bells')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'A school\'s bell schedule for the solver (empty until entered)', view: BellScheduleView, byId: true })
  bells(@IdParam() id: string, @Call() call: CallContext): Promise<BellScheduleView> {
    const payload: SchoolIdDto = { schoolId: id };
    return this.bus.request(call, S.solverBellsGet, payload);
  }

  @Put('schools/:id/bells')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Replace a school\'s bell schedule (its admin); 400 names the period to fix', view: BellScheduleView, byId: true, problems: [403] })
  setBells(@IdParam() id: string, @Body() dto: BellScheduleFieldsDto, @Call() call: CallContext): Promise<BellScheduleView> {
    const payload: SetBellScheduleDto = { ...dto, schoolId: id };
    return this.bus.request(call, S.solverBellsSet, payload);
  }

  @Get('schools/:id/needs')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'The lessons a school needs from itinerant teachers', view: LessonNeedsView, byId: true })
  needs(@IdParam() id: string, @Call() call: CallContext): Promise<LessonNeedsView> {
    const payload: SchoolIdDto = { schoolId: id };
    return this.bus.request(call, S.solverNeedsGet, payload);
  }

  @Put('schools/:id/needs')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Replace the lessons a school needs (its admin); 400 names each row to fix', view: LessonNeedsView, byId: true, problems: [403] })
  setNeeds(@IdParam() id: string, @Body() dto: LessonNeedsFieldsDto, @Call() call: CallContext): Promise<LessonNeedsView> {
    const payload: SetLessonNeedsDto = { ...dto, schoolId: id };
    return this.bus.request(call, S.solverNeedsSet, payload);
  }

  @Get('teachers/:id/limits')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'An itinerant teacher\'s unavailable times and daily travel limit', view: TeacherLimitsView, byId: true })
  limits(@IdParam() id: string, @Call() call: CallContext): Promise<TeacherLimitsView> {
    const payload: TeacherIdDto = { teacherId: id };
    return this.bus.request(call, S.solverLimitsGet, payload);
  }

  @Put('teachers/:id/limits')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({
    summary: 'Replace an itinerant teacher\'s unavailable times and daily travel limit (admin of an alliance the teacher works in)',
    view: TeacherLimitsView, byId: true, problems: [403],
  })
  setLimits(@IdParam() id: string, @Body() dto: TeacherLimitsFieldsDto, @Call() call: CallContext): Promise<TeacherLimitsView> {
    const payload: SetTeacherLimitsDto = { ...dto, teacherId: id };
    return this.bus.request(call, S.solverLimitsSet, payload);
  }

  @Get('alliances/:id/travel')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Travel minutes entered by hand between an alliance\'s schools', view: TravelView, byId: true })
  travel(@IdParam() id: string, @Call() call: CallContext): Promise<TravelView> {
    const payload: AllianceIdDto = { allianceId: id };
    return this.bus.request(call, S.solverTravelList, payload);
  }

  @Put('travel')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Enter (or, with null, remove) the travel minutes between two schools of an alliance', view: TravelEntryView, problems: [403, 404] })
  setTravel(@Body() dto: SetTravelDto, @Call() call: CallContext): Promise<TravelEntryView> {
    return this.bus.request(call, S.solverTravelSet, dto);
  }

  @Post('solves')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({
    summary: 'Queue a solve of an alliance\'s itinerant timetable from the stored inputs; 400 names the bell schedule, lesson row or teacher limit to fix',
    view: SolveJobCreatedView, status: 201, problems: [403, 404],
  })
  createSolve(@Body() dto: CreateSolveJobDto, @Call() call: CallContext): Promise<SolveJobCreatedView> {
    return this.bus.request(call, S.solveCreate, dto);
  }

  @Get('solves/:id')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'A solve job: its progress, then its proposal with travel per teacher and the rules it breaks', view: SolveJobView, byId: true })
  solve(@IdParam() id: string, @Call() call: CallContext): Promise<SolveJobView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.solveGet, payload);
  }

  @Post('solves/:id/moves')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({
    summary: 'Move one lesson-period of a finished proposal; the proposal comes back with every rule it now breaks',
    view: SolveJobView, byId: true, problems: [403, 409],
  })
  move(@IdParam() id: string, @Body() dto: MoveLessonFieldsDto, @Call() call: CallContext): Promise<SolveJobView> {
    const payload: MoveLessonDto = { ...dto, id };
    return this.bus.request(call, S.solveMove, payload);
  }

  @Post('solves/:id/accept')
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({
    summary: 'Write the proposal\'s lessons as timetable slots, all or none; 409 lists each lesson clashing with the current timetable',
    view: SolveAcceptedView, byId: true, problems: [403, 409],
  })
  accept(@IdParam() id: string, @Call() call: CallContext): Promise<SolveAcceptedView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.solveAccept, payload);
  }
}
