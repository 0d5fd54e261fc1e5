import { ActivitiesSubjects, CalendarFeedRequest, type CalendarFeedView, type Caller, type FeedTokenView } from '@jiaolian/contracts';
import { CurrentCaller, PUBLIC_SUBJECTS, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CalendarService } from './calendar.service.js';

// Calendar apps cannot send a bearer token: the feed token in the payload is the credential, checked by the service.
PUBLIC_SUBJECTS.add(ActivitiesSubjects.calendarFeed);

@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @MessagePattern(ActivitiesSubjects.feedTokenGet)
  token(@CurrentCaller() caller: Caller): Promise<FeedTokenView> {
    return this.calendar.token(caller);
  }

  @MessagePattern(ActivitiesSubjects.feedTokenRotate)
  @Writes()
  rotate(@CurrentCaller() caller: Caller): Promise<FeedTokenView> {
    return this.calendar.rotate(caller);
  }

  @MessagePattern(ActivitiesSubjects.calendarFeed)
  feed(@Payload() dto: CalendarFeedRequest): Promise<CalendarFeedView> {
    return this.calendar.feed(dto);
  }
}
