import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { QuotaProgressView, QuotaQueryDto, QuotaView, SetQuotaDto, TeacherExchangeSubjects as S } from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('teacher-exchange')
@ClientScopes('exchange')
@Controller('teacher-exchange/quotas')
export class QuotasController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'An alliance\'s exchange quota rules for a year', view: QuotaView, problems: [404] })
  get(@Query() query: QuotaQueryDto, @Call() call: CallContext): Promise<QuotaView> {
    return this.bus.request(call, S.quotaGet, query);
  }

  @Put()
  @Roles('district_admin', 'alliance_admin')
  @ApiRoute({ summary: 'Set an alliance\'s exchange quota rules for a year (replaces them)', view: QuotaView, problems: [404] })
  set(@Body() dto: SetQuotaDto, @Call() call: CallContext): Promise<QuotaView> {
    return this.bus.request(call, S.quotaSet, dto);
  }

  @Get('progress')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Plan versus actual per member school for a year; schools behind are flagged', view: QuotaProgressView, problems: [404] })
  progress(@Query() query: QuotaQueryDto, @Call() call: CallContext): Promise<QuotaProgressView> {
    return this.bus.request(call, S.quotaProgress, query);
  }
}
