import { AuditQueryDto, MembershipSubjects, type AuditRecordView, type Page } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuditService } from './audit.service.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(MembershipSubjects.auditList)
  list(@Payload() query: AuditQueryDto, @Scope() scope: AccessScope): Promise<Page<AuditRecordView>> {
    return this.audit.list(scope, query);
  }
}
