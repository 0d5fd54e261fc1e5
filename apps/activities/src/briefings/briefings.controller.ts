import {
  ActivitiesSubjects, BriefingDownloadRequest, CreateBriefingDto, IdDto, ListBriefingsQueryDto, type BriefingDetailView, type BriefingView, type Page,
  type StoredDownloadView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BriefingsService } from './briefings.service.js';

@Controller()
export class BriefingsController {
  constructor(private readonly briefings: BriefingsService) {}

  @MessagePattern(ActivitiesSubjects.briefingCreate)
  @Writes()
  create(@Payload() dto: CreateBriefingDto, @Scope() scope: AccessScope): Promise<BriefingDetailView> {
    return this.briefings.create(scope, dto);
  }

  @MessagePattern(ActivitiesSubjects.briefingList)
  list(@Payload() query: ListBriefingsQueryDto, @Scope() scope: AccessScope): Promise<Page<BriefingView>> {
    return this.briefings.list(scope, query);
  }

  @MessagePattern(ActivitiesSubjects.briefingGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<BriefingDetailView> {
    return this.briefings.get(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.briefingDownload)
  download(@Payload() dto: BriefingDownloadRequest, @Scope() scope: AccessScope): Promise<StoredDownloadView> {
    return this.briefings.download(scope, dto.id, dto.format);
  }
}
