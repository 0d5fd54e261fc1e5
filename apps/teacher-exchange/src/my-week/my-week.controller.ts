import { MyWeekQueryDto, TeacherExchangeSubjects, WeekFeedRequest, type Caller, type MyWeekView, type WeekFeedTokenView, type WeekFeedView } from '@jiaolian/contracts';
import { AccessScope, CurrentCaller, PUBLIC_SUBJECTS, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MyWeekService } from './my-week.service.js';
import { WeekFeedService } from './week-feed.service.js';

// Calendar apps cannot send a bearer token: the feed token in the payload is the credential, checked by the service.
PUBLIC_SUBJECTS.add(TeacherExchangeSubjects.weekFeed);

@Controller()
export class MyWeekController {
  constructor(private readonly week: MyWeekService, private readonly feeds: WeekFeedService) {}

  @MessagePattern(TeacherExchangeSubjects.myWeek)
  get(@Payload() query: MyWeekQueryDto, @Scope() scope: AccessScope): Promise<MyWeekView> {
    return this.week.week(scope, query.from);
  }

  @MessagePattern(TeacherExchangeSubjects.weekFeedTokenGet)
  token(@CurrentCaller() caller: Caller): Promise<WeekFeedTokenView> {
    return this.feeds.token(caller);
  }

  @MessagePattern(TeacherExchangeSubjects.weekFeedTokenRotate)
  @Writes()
  rotate(@CurrentCaller() caller: Caller): Promise<WeekFeedTokenView> {
    return this.feeds.rotate(caller);
  }

  @MessagePattern(TeacherExchangeSubjects.weekFeed)
  feed(@Payload() dto: WeekFeedRequest): Promise<WeekFeedView> {
    return this.feeds.feed(dto);
  }
}
