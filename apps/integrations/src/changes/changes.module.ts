import { ChangesSubjects, ListChangesQueryDto, type Caller, type ChangesLatestView, type ChangesPageView } from '@jiaolian/contracts';
import { CurrentCaller } from '@jiaolian/service-kit';
import { Controller, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChangeFeedService } from './change-feed.service.js';
import { ChangeLogListeners } from './change-log.listeners.js';
import { ChangeLogWriter } from './change-log.writer.js';

@Controller()
export class ChangesController {
  constructor(private readonly feed: ChangeFeedService) {}

  @MessagePattern(ChangesSubjects.list)
  list(@Payload() query: ListChangesQueryDto, @CurrentCaller() caller: Caller): Promise<ChangesPageView> {
    return this.feed.list(caller, query);
  }

  @MessagePattern(ChangesSubjects.latest)
  latest(@CurrentCaller() caller: Caller): Promise<ChangesLatestView> {
    return this.feed.latest(caller);
  }
}

/** The change log (written from domain events, with listeners in the same transaction) and the change feed that reads it. */
@Module({
  controllers: [ChangesController],
  providers: [ChangeLogListeners, ChangeLogWriter, ChangeFeedService],
  exports: [ChangeLogListeners, ChangeLogWriter],
})
export class ChangesModule {}
