import {
  ActivitiesSubjects, IdDto, ListActionItemsQueryDto, SaveMinutesRequest, type ActionItemView, type MinutesView, type Page,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MinutesService } from './minutes.service.js';

@Controller()
export class MinutesController {
  constructor(private readonly minutes: MinutesService) {}

  @MessagePattern(ActivitiesSubjects.minutesList)
  list(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<MinutesView[]> {
    return this.minutes.list(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.minutesSave)
  @Writes()
  save(@Payload() dto: SaveMinutesRequest, @Scope() scope: AccessScope): Promise<MinutesView> {
    return this.minutes.save(scope, dto.id, dto.body);
  }

  @MessagePattern(ActivitiesSubjects.actionItemList)
  items(@Payload() query: ListActionItemsQueryDto, @Scope() scope: AccessScope): Promise<Page<ActionItemView>> {
    return this.minutes.listItems(scope, query);
  }

  @MessagePattern(ActivitiesSubjects.actionItemComplete)
  @Writes()
  complete(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ActionItemView> {
    return this.minutes.complete(scope, dto.id);
  }

  @MessagePattern(ActivitiesSubjects.actionItemReopen)
  @Writes()
  reopen(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ActionItemView> {
    return this.minutes.reopen(scope, dto.id);
  }
}
