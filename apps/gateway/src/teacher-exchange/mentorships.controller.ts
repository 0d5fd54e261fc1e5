import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateMentorshipDto, ListMentorshipsQueryDto, MentorshipCommentDto, MentorshipMissedQueryDto, MentorshipMissedView, MentorshipView, RecordMentorLessonDto,
  TeacherExchangeSubjects as S, type IdDto, type MentorshipCommentRequest, type Page, type RecordMentorLessonRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

/** Mentorship (师徒结对): pairs for a term, their monthly demo and report lessons, term-end comments and completion. */
@ApiTags('teacher-exchange')
@ClientScopes('exchange')
@Controller('teacher-exchange/mentorships')
export class MentorshipsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List mentorship pairs you may see, each with its month grid; filter by term, status, school, teacher or alliance', view: MentorshipView, page: true })
  list(@Query() query: ListMentorshipsQueryDto, @Call() call: CallContext): Promise<Page<MentorshipView>> {
    return this.bus.request(call, S.mentorshipList, query);
  }

  @Post()
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({
    summary: 'Pair a mentor with an apprentice for a term (teachers of schools of one active alliance; one active pair per two teachers and term)',
    view: MentorshipView, status: 201, problems: [403, 409],
  })
  create(@Body() dto: CreateMentorshipDto, @Call() call: CallContext): Promise<MentorshipView> {
    return this.bus.request(call, S.mentorshipCreate, dto);
  }

  @Get('missed')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Per school: the pairs of a term and their missed months (a month over without both lessons done)', view: MentorshipMissedView, problems: [403] })
  missed(@Query() query: MentorshipMissedQueryDto, @Call() call: CallContext): Promise<MentorshipMissedView> {
    return this.bus.request(call, S.mentorshipMissed, query);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One pair with its month grid of demo and report lessons', view: MentorshipView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<MentorshipView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.mentorshipGet, payload);
  }

  @Post(':id/lessons')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({
    summary: "Schedule a month's demo or report lesson, add its evidence (lesson plan from the resource library, https video link, reflection) and mark it done",
    description: 'Replaces what was recorded for that month and kind. A done lesson needs a day not in the future, a reflection, and a lesson plan you may see or a video link.',
    view: MentorshipView, byId: true, problems: [403, 409],
  })
  recordLesson(@IdParam() id: string, @Body() body: RecordMentorLessonDto, @Call() call: CallContext): Promise<MentorshipView> {
    const payload: RecordMentorLessonRequest = { id, body };
    return this.bus.request(call, S.mentorshipLessonRecord, payload);
  }

  @Post(':id/comments')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: "A term-end comment for the mentor, the apprentice or the school (an admin of one of the two schools)", view: MentorshipView, byId: true, problems: [403, 409] })
  comment(@IdParam() id: string, @Body() body: MentorshipCommentDto, @Call() call: CallContext): Promise<MentorshipView> {
    const payload: MentorshipCommentRequest = { id, body };
    return this.bus.request(call, S.mentorshipComment, payload);
  }

  @Post(':id/close')
  @Roles('district_admin', 'alliance_admin', 'school_admin')
  @ApiRoute({ summary: 'Complete the pair at term end (from the last teaching month on, with all three comments)', view: MentorshipView, byId: true, problems: [403, 409] })
  close(@IdParam() id: string, @Call() call: CallContext): Promise<MentorshipView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.mentorshipClose, payload);
  }
}
