import { QuotaQueryDto, SetQuotaDto, TeacherExchangeSubjects, type QuotaProgressView, type QuotaView } from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { QuotasService } from './quotas.service.js';

@Controller()
export class QuotasController {
  constructor(private readonly quotas: QuotasService) {}

  @MessagePattern(TeacherExchangeSubjects.quotaGet)
  get(@Payload() query: QuotaQueryDto, @Scope() scope: AccessScope): Promise<QuotaView> {
    return this.quotas.get(scope, query);
  }

  @MessagePattern(TeacherExchangeSubjects.quotaSet)
  @Writes()
  set(@Payload() dto: SetQuotaDto, @Scope() scope: AccessScope): Promise<QuotaView> {
    return this.quotas.set(scope, dto);
  }

  @MessagePattern(TeacherExchangeSubjects.quotaProgress)
  progress(@Payload() query: QuotaQueryDto, @Scope() scope: AccessScope): Promise<QuotaProgressView> {
    return this.quotas.progress(scope, query);
  }
}
