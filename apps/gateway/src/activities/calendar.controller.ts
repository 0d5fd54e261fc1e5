import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ActivitiesSubjects, CalendarFeedQueryDto, FeedTokenView, type CalendarFeedRequest, type CalendarFeedView } from '@jiaolian/contracts';
import type { FastifyReply } from 'fastify';
import { ANY_ROLE, Call, Public, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

@ApiTags('activities')
@Controller('activities/calendar')
export class CalendarController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('feed-token')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Your calendar feed token and the path of your feed (token null until created)', view: FeedTokenView })
  token(@Call() call: CallContext): Promise<FeedTokenView> {
    return this.bus.request(call, ActivitiesSubjects.feedTokenGet, {});
  }

  @Post('feed-token')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Create or rotate your calendar feed token; the previous feed URL stops working', view: FeedTokenView })
  rotate(@Call() call: CallContext): Promise<FeedTokenView> {
    return this.bus.request(call, ActivitiesSubjects.feedTokenRotate, {});
  }

  /** Calendar apps subscribe without a bearer token: the unguessable token in the path is checked by the service. */
  @Get('feeds/:token')
  @Public()
  @ApiOperation({ summary: 'iCalendar feed of the activities the token\'s user may see (add ?allianceId= for one alliance); subscribe in any calendar app' })
  @ApiParam({ name: 'token', description: 'The feed token, optionally followed by .ics' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 200, description: 'RFC 5545 calendar', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(400, 404, 429, 503, 504)
  async feed(@Param('token') token: string, @Query() query: CalendarFeedQueryDto, @Call() call: CallContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const payload: CalendarFeedRequest = { token, ...query };
    const { ics } = await this.bus.request<CalendarFeedView>(call, ActivitiesSubjects.calendarFeed, payload);
    void reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300');
    return ics;
  }
}
