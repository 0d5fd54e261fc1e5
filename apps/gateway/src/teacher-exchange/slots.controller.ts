import { Body, Controller, Delete, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateSlotDto, ListSlotsQueryDto, SlotSavedView, SlotView, SlotWeekQueryDto, SlotWeekView, TeacherExchangeSubjects as S, UpdateSlotDto,
  type IdDto, type Page, type UpdateSlotRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

/** The itinerant timetable (走教课表): weekly slots of a placement at its host schools. */
@ApiTags('teacher-exchange')
@ClientScopes('exchange')
@Controller('teacher-exchange/slots')
export class SlotsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List timetable slots you may see; filter by alliance, school, teacher, placement, weekday, subject or day', view: SlotView, page: true })
  list(@Query() query: ListSlotsQueryDto, @Call() call: CallContext): Promise<Page<SlotView>> {
    return this.bus.request(call, S.slotList, query);
  }

  @Get('week')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'A teacher\'s or a school\'s itinerant week (default: this week), with tight transfers between schools', view: SlotWeekView, problems: [404] })
  week(@Query() query: SlotWeekQueryDto, @Call() call: CallContext): Promise<SlotWeekView> {
    return this.bus.request(call, S.slotWeek, query);
  }

  @Post()
  @Roles('district_admin', 'school_admin')
  @ApiRoute({
    summary: 'Add a weekly slot to a placement (home or host school admin); 409 names the teacher\'s clashing slot; tight transfers come back as warnings',
    view: SlotSavedView, status: 201, problems: [404, 409],
  })
  create(@Body() dto: CreateSlotDto, @Call() call: CallContext): Promise<SlotSavedView> {
    return this.bus.request(call, S.slotCreate, dto);
  }

  @Patch(':id')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Replace a slot\'s day, time, school, subject and class', view: SlotSavedView, byId: true, problems: [409] })
  update(@IdParam() id: string, @Body() changes: UpdateSlotDto, @Call() call: CallContext): Promise<SlotSavedView> {
    const payload: UpdateSlotRequest = { id, changes };
    return this.bus.request(call, S.slotUpdate, payload);
  }

  @Delete(':id')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({ summary: 'Remove a slot from a placement that is not finished', status: 204, byId: true, problems: [409] })
  async remove(@IdParam() id: string, @Call() call: CallContext): Promise<void> {
    const payload: IdDto = { id };
    await this.bus.request(call, S.slotDelete, payload);
  }
}
