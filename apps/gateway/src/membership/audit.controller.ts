import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditQueryDto, AuditRecordView, MembershipSubjects, type Page } from '@jiaolian/contracts';
import { Call, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles('district_admin')
  @ApiRoute({ summary: 'Audit trail: who changed what, when, before and after', view: AuditRecordView, page: true })
  list(@Query() query: AuditQueryDto, @Call() call: CallContext): Promise<Page<AuditRecordView>> {
    return this.bus.request(call, MembershipSubjects.auditList, query);
  }
}
