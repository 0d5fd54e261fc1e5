import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateTeacherAccountsDto, TeacherAccountsQueryDto, TeacherAccountsResultView, TeacherAccountView, TeacherExchangeSubjects as S,
} from '@jiaolian/contracts';
import { AcceptScopes, Call, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

/** User accounts for roster teachers: created in bulk by the school's admin; initial passwords appear only in the creating answer. */
@ApiTags('teacher-exchange')
@Controller('teacher-exchange/teachers/accounts')
export class TeacherAccountsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles('district_admin', 'school_admin')
  @AcceptScopes()
  @ApiOperation({ summary: 'The user accounts of a school\'s roster teachers (teachers without an account are absent)' })
  @ApiOkResponse({ type: [TeacherAccountView] })
  @ApiProblems(400, 404, 429, 503, 504)
  list(@Query() query: TeacherAccountsQueryDto, @Call() call: CallContext): Promise<TeacherAccountView[]> {
    return this.bus.request(call, S.teacherAccountsList, query);
  }

  @Post()
  @Roles('district_admin', 'school_admin')
  @AcceptScopes()
  @ApiRoute({
    summary: 'Create user accounts (role teacher at the school) for roster teachers of one school; teachers with an account keep it. '
      + 'The answer holds each new account\'s initial password, once: the user must change it at the first login.',
    view: TeacherAccountsResultView, problems: [409],
  })
  create(@Body() dto: CreateTeacherAccountsDto, @Call() call: CallContext): Promise<TeacherAccountsResultView> {
    return this.bus.request(call, S.teacherAccountsCreate, dto);
  }
}
