import { Module, type Type } from '@nestjs/common';
import { MentorshipModule } from '../mentorship/mentorship.module.js';
import { MentorshipWeekSource } from '../mentorship/mentorship-week.source.js';
import { MyWeekController } from './my-week.controller.js';
import { MyWeekService } from './my-week.service.js';
import { WeekFeedService } from './week-feed.service.js';
import { ActivitiesSource, BookingsSource, LessonsSource, PersonalEntries, WEEK_SOURCES, type WeekSource } from './week-sources.js';

/**
 * The sources of a teacher's week, in the order they are reported. A part that adds entries appends
 * its WeekSource class here.
 */
const WEEK_SOURCE_CLASSES: Type<WeekSource>[] = [
  LessonsSource,
  ActivitiesSource,
  BookingsSource,
  MentorshipWeekSource,
];

/** "My week" (我的一周) of a teacher and its calendar feed. */
@Module({
  imports: [MentorshipModule],
  controllers: [MyWeekController],
  providers: [
    PersonalEntries, MyWeekService, WeekFeedService, ...WEEK_SOURCE_CLASSES,
    { provide: WEEK_SOURCES, inject: WEEK_SOURCE_CLASSES, useFactory: (...sources: WeekSource[]) => sources },
  ],
})
export class MyWeekModule {}
