import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  MyWeekQueryDto, MyWeekView, TeacherExchangeSubjects as S, WeekFeedTokenView, type WeekFeedRequest, type WeekFeedView,
} from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Call, Public, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

/** A teacher's own week (我的一周): itinerant lessons, activities registered for, facility bookings, mentorship lessons; and its calendar feed. */
@ApiTags('me')
@Controller('me/week')
export class MyWeekController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Your week (Monday–Sunday, Asia/Shanghai) holding the day `from` (default today): lessons, activities, bookings, mentorship', view: MyWeekView })
  week(@Query() query: MyWeekQueryDto, @Call() call: CallContext): Promise<MyWeekView> {
    return this.bus.request(call, S.myWeek, query);
  }

  @Get('feed-token')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Your week feed token and the path of the feed (token null until created)', view: WeekFeedTokenView })
  token(@Call() call: CallContext): Promise<WeekFeedTokenView> {
    return this.bus.request(call, S.weekFeedTokenGet, {});
  }

  @Post('feed-token')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Create or rotate your week feed token; the previous feed URL stops working', view: WeekFeedTokenView })
  rotate(@Call() call: CallContext): Promise<WeekFeedTokenView> {
    return this.bus.request(call, S.weekFeedTokenRotate, {});
  }

  /** Calendar apps subscribe without a bearer token: the unguessable token in the path is checked by the service. */
  @Get('feeds/:token')
  @Public()
  @ApiOperation({ summary: 'iCalendar feed of your week, four weeks back to twelve ahead; subscribe in any calendar app' })
  @ApiParam({ name: 'token', description: 'The feed token, optionally followed by .ics' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 200, description: 'RFC 5545 calendar', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(400, 404, 429, 503, 504)
  async feed(@Param('token') token: string, @Call() call: CallContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const payload: WeekFeedRequest = { token };
    const { ics } = await this.bus.request<WeekFeedView>(call, S.weekFeed, payload);
    void reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300');
    return ics;
  }
}
