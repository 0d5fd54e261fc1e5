import {
  ActivitiesSubjects, CancelActivityRequest, CancelOccurrenceRequest, CreateActivityDto, IdDto, ListActivitiesQueryDto, ListOccurrencesQueryDto,
  UpdateActivityRequest, type ActivityView, type OccurrencesView, type OccurrenceView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ActivitiesService } from './activities.service.js';

@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @MessagePattern(ActivitiesSubjects.activityCreate)
  @Writes()
  create(@Payload() dto: CreateActivityDto, @Scope() scope: AccessScope): Promise<ActivityView> {
    return this.activities.create(scope, dto);
  }

  @MessagePattern(ActivitiesSubjects.activityList)
  list(@Payload() query: ListActivitiesQueryDto, @Scope() scope: AccessScope): Promise<Page<ActivityView>> {
    return this.activities.list(scope, query);
  }

  @MessagePattern(ActivitiesSubjects.activityGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ActivityView> {
    return this.activities.get(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.activityUpdate)
  @Writes()
  update(@Payload() dto: UpdateActivityRequest, @Scope() scope: AccessScope): Promise<ActivityView> {
    return this.activities.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(ActivitiesSubjects.activityCancel)
  @Writes()
  cancel(@Payload() dto: CancelActivityRequest, @Scope() scope: AccessScope): Promise<ActivityView> {
    return this.activities.cancel(scope, dto.id, dto.body.reason);
  }

  @MessagePattern(ActivitiesSubjects.occurrenceCancel)
  @Writes()
  cancelOccurrence(@Payload() dto: CancelOccurrenceRequest, @Scope() scope: AccessScope): Promise<OccurrenceView> {
    return this.activities.cancelOccurrence(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.occurrenceList)
  occurrences(@Payload() query: ListOccurrencesQueryDto, @Scope() scope: AccessScope): Promise<OccurrencesView> {
    return this.activities.occurrences(scope, query);
  }
}
