import {
  CreateSlotDto, IdDto, ListSlotsQueryDto, SlotWeekQueryDto, TeacherExchangeSubjects, UpdateSlotRequest, type Page, type SlotSavedView, type SlotView,
  type SlotWeekView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SlotsService } from './slots.service.js';
import { TimetableQueries } from './timetable.queries.js';

@Controller()
export class TimetableController {
  constructor(private readonly slots: SlotsService, private readonly queries: TimetableQueries) {}

  @MessagePattern(TeacherExchangeSubjects.slotCreate)
  @Writes()
  create(@Payload() dto: CreateSlotDto, @Scope() scope: AccessScope): Promise<SlotSavedView> {
    return this.slots.create(scope, dto);
  }

  @MessagePattern(TeacherExchangeSubjects.slotUpdate)
  @Writes()
  update(@Payload() dto: UpdateSlotRequest, @Scope() scope: AccessScope): Promise<SlotSavedView> {
    return this.slots.update(scope, dto.id, dto.changes);
  }

  @MessagePattern(TeacherExchangeSubjects.slotDelete)
  @Writes()
  async remove(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<{ deleted: true }> {
    await this.slots.remove(scope, dto.id);
    return { deleted: true };
  }

  @MessagePattern(TeacherExchangeSubjects.slotList)
  list(@Payload() query: ListSlotsQueryDto, @Scope() scope: AccessScope): Promise<Page<SlotView>> {
    return this.queries.list(scope, query);
  }

  @MessagePattern(TeacherExchangeSubjects.slotWeek)
  week(@Payload() query: SlotWeekQueryDto, @Scope() scope: AccessScope): Promise<SlotWeekView> {
    return this.queries.week(scope, query);
  }
}
