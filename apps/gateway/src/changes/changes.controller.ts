import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ChangesLatestView, ChangesPageView, ChangesSubjects, ListChangesQueryDto, PublicEventTypesView, publicEventTypesView,
} from '@jiaolian/contracts';
import { Call, Public, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

const FEED_READERS = ['district_admin', 'alliance_admin'] as const;

/** The change feed (增量同步): every create, update and delete a caller may see, in order, from a cursor (docs/events.md). */
@ApiTags('changes')
@Controller('changes')
export class ChangesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...FEED_READERS)
  @ApiRoute({
    summary: 'The changes after a cursor, oldest first: district admins see their districts, alliance admins their alliances and member schools; API clients only the domains of their read scopes',
    description: 'Follow `next` while `hasMore` is true, then ask again later. Start from `/changes/latest` read before your snapshot. A delete is a tombstone: `data` holds the id only. School admins and teachers are refused (403).',
    view: ChangesPageView,
  })
  list(@Query() query: ListChangesQueryDto, @Call() call: CallContext): Promise<ChangesPageView> {
    return this.bus.request(call, ChangesSubjects.list, query);
  }

  @Get('latest')
  @Roles(...FEED_READERS)
  @ApiRoute({ summary: 'The newest cursor of the change log: read it before you take a snapshot, then follow the feed after it', view: ChangesLatestView })
  latest(@Call() call: CallContext): Promise<ChangesLatestView> {
    return this.bus.request(call, ChangesSubjects.latest, {});
  }

  @Get('types')
  @Public()
  @ApiRoute({ summary: 'The public event catalogue: every event type of the change feed and webhooks, its version, resource, operation and read scope', view: PublicEventTypesView })
  types(): PublicEventTypesView {
    return publicEventTypesView();
  }
}
