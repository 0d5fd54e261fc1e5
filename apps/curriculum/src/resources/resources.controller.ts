import {
  AddResourceVersionRequest, CreateResourceRequest, CurriculumSubjects, IdDto, ListResourcesQueryDto, ResourceVersionRequest, UpdateResourceRequest,
  type ResourceDownloadView, type ResourcePage, type ResourceVersionView, type ResourceView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResourcesService } from './resources.service.js';

@Controller()
export class ResourcesController {
  constructor(private readonly resources: ResourcesService) {}

  @MessagePattern(CurriculumSubjects.resourceCreate)
  @Writes()
  create(@Payload() dto: CreateResourceRequest, @Scope() scope: AccessScope): Promise<ResourceView> {
    return this.resources.create(scope, dto);
  }

  @MessagePattern(CurriculumSubjects.resourceList)
  list(@Payload() query: ListResourcesQueryDto, @Scope() scope: AccessScope): Promise<ResourcePage> {
    return this.resources.list(scope, query);
  }

  @MessagePattern(CurriculumSubjects.resourceGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ResourceView> {
    return this.resources.get(scope, dto.id);
  }

  @MessagePattern(CurriculumSubjects.resourceUpdate)
  @Writes()
  update(@Payload() dto: UpdateResourceRequest, @Scope() scope: AccessScope): Promise<ResourceView> {
    return this.resources.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(CurriculumSubjects.resourceDelete)
  @Writes()
  async remove(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<{ removed: true }> {
    await this.resources.remove(scope, dto.id);
    return { removed: true };
  }

  @MessagePattern(CurriculumSubjects.resourceDownload)
  download(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ResourceDownloadView> {
    return this.resources.download(scope, dto.id);
  }

  @MessagePattern(CurriculumSubjects.resourceVersionAdd)
  @Writes()
  addVersion(@Payload() dto: AddResourceVersionRequest, @Scope() scope: AccessScope): Promise<ResourceView> {
    return this.resources.addVersion(scope, dto);
  }

  @MessagePattern(CurriculumSubjects.resourceVersionList)
  versions(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ResourceVersionView[]> {
    return this.resources.versions(scope, dto.id);
  }

  @MessagePattern(CurriculumSubjects.resourceVersionDownload)
  downloadVersion(@Payload() dto: ResourceVersionRequest, @Scope() scope: AccessScope): Promise<ResourceDownloadView> {
    return this.resources.downloadVersion(scope, dto.id, dto.version);
  }
}
