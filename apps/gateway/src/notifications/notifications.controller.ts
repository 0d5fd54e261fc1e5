import { Body, Controller, Delete, Get, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateRobotDto, ListNotificationsQueryDto, ListRobotsQueryDto, MarkedReadView, negotiateLocale, NotificationPreferencesDto, NotificationPreferencesView,
  NotificationSubjects as S, NotificationView, RobotTestView, RobotView, UnreadCountView, UpdateRobotDto, type IdDto, type ListNotificationsRequest,
  type Page, type UpdateRobotRequest,
} from '@jiaolian/contracts';
import type { FastifyRequest } from 'fastify';
import { ANY_ROLE, Call, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

const ROBOT_ADMINS = ['district_admin', 'alliance_admin', 'school_admin'] as const;

/** The signed-in person's notification centre (通知中心): only their own notifications, ever. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Your notifications, newest first, title and body in your language (Accept-Language); unread=true for the unread only', view: NotificationView, page: true, problems: [403] })
  list(@Query() query: ListNotificationsQueryDto, @Req() request: FastifyRequest, @Call() call: CallContext): Promise<Page<NotificationView>> {
    const payload: ListNotificationsRequest = { ...query, locale: negotiateLocale(request.headers['accept-language']) };
    return this.bus.request(call, S.list, payload);
  }

  @Get('unread-count')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'How many of your notifications are unread (the bell)', view: UnreadCountView, problems: [403] })
  unreadCount(@Call() call: CallContext): Promise<UnreadCountView> {
    return this.bus.request(call, S.unreadCount, {});
  }

  @Post('read-all')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Mark all your notifications read', view: MarkedReadView, problems: [403] })
  markAllRead(@Call() call: CallContext): Promise<MarkedReadView> {
    return this.bus.request(call, S.markAllRead, {});
  }

  @Get('preferences')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Your notification preferences: muted kinds, and whether to e-mail you', view: NotificationPreferencesView, problems: [403] })
  preferences(@Call() call: CallContext): Promise<NotificationPreferencesView> {
    return this.bus.request(call, S.preferencesGet, {});
  }

  @Put('preferences')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Set your notification preferences', view: NotificationPreferencesView, problems: [403] })
  setPreferences(@Body() dto: NotificationPreferencesDto, @Call() call: CallContext): Promise<NotificationPreferencesView> {
    return this.bus.request(call, S.preferencesSet, dto);
  }

  @Get('robots')
  @Roles(...ROBOT_ADMINS)
  @ApiRoute({ summary: 'Chat robots (WeCom, DingTalk) of the alliances and schools you administer; keys and secrets are never shown', view: RobotView, page: true, problems: [403] })
  robots(@Query() query: ListRobotsQueryDto, @Call() call: CallContext): Promise<Page<RobotView>> {
    return this.bus.request(call, S.robotList, query);
  }

  @Post('robots')
  @Roles(...ROBOT_ADMINS)
  @ApiRoute({
    summary: 'Add a chat robot to an alliance (its admin or the district admin) or a school (its admin or the district admin)',
    description: 'The webhook URL must be https and reach the internet (private addresses are refused). A DingTalk robot in signed mode takes its secret, which is stored and never shown again. Audited.',
    view: RobotView, status: 201, problems: [403, 404, 409],
  })
  createRobot(@Body() dto: CreateRobotDto, @Call() call: CallContext): Promise<RobotView> {
    return this.bus.request(call, S.robotCreate, dto);
  }

  @Patch('robots/:id')
  @Roles(...ROBOT_ADMINS)
  @ApiRoute({ summary: 'Change a chat robot: name, URL, secret, kinds of notification, enabled; audited', view: RobotView, byId: true, problems: [403] })
  updateRobot(@IdParam() id: string, @Body() changes: UpdateRobotDto, @Call() call: CallContext): Promise<RobotView> {
    const payload: UpdateRobotRequest = { id, changes };
    return this.bus.request(call, S.robotUpdate, payload);
  }

  @Delete('robots/:id')
  @Roles(...ROBOT_ADMINS)
  @ApiRoute({ summary: 'Remove a chat robot (its unsent messages go with it); audited', status: 204, byId: true, problems: [403] })
  async deleteRobot(@IdParam() id: string, @Call() call: CallContext): Promise<void> {
    const payload: IdDto = { id };
    await this.bus.request(call, S.robotDelete, payload);
  }

  @Post('robots/:id/test')
  @Roles(...ROBOT_ADMINS)
  @ApiRoute({ summary: 'Send a test message to the robot now and tell what it answered', view: RobotTestView, byId: true, problems: [403] })
  testRobot(@IdParam() id: string, @Call() call: CallContext): Promise<RobotTestView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.robotTest, payload);
  }

  @Post(':id/read')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Mark one of your notifications read', view: MarkedReadView, byId: true, problems: [403] })
  markRead(@IdParam() id: string, @Call() call: CallContext): Promise<MarkedReadView> {
    const payload: IdDto = { id };
    return this.bus.request(call, S.markRead, payload);
  }
}
