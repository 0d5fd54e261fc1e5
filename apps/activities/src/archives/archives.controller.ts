import {
  ActivitiesSubjects, CreateArchiveDto, IdDto, ListArchivesQueryDto, type ArchiveView, type Page, type StoredDownloadView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ArchivesService } from './archives.service.js';

@Controller()
export class ArchivesController {
  constructor(private readonly archives: ArchivesService) {}

  @MessagePattern(ActivitiesSubjects.archiveCreate)
  @Writes()
  create(@Payload() dto: CreateArchiveDto, @Scope() scope: AccessScope): Promise<ArchiveView> {
    return this.archives.create(scope, dto);
  }

  @MessagePattern(ActivitiesSubjects.archiveList)
  list(@Payload() query: ListArchivesQueryDto, @Scope() scope: AccessScope): Promise<Page<ArchiveView>> {
    return this.archives.list(scope, query);
  }

  @MessagePattern(ActivitiesSubjects.archiveGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ArchiveView> {
    return this.archives.get(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.archiveDownload)
  download(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<StoredDownloadView> {
    return this.archives.download(scope, dto.id);
  }
}
