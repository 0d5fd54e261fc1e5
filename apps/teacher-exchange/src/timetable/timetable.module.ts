import { Module } from '@nestjs/common';
import { TeachersModule } from '../teachers/teachers.module.js';
import { SlotsService } from './slots.service.js';
import { TimetableController } from './timetable.controller.js';
import { TimetableQueries } from './timetable.queries.js';

/** The itinerant timetable (走教课表): weekly slots of placements at their host schools. */
@Module({ imports: [TeachersModule], controllers: [TimetableController], providers: [SlotsService, TimetableQueries], exports: [SlotsService] })
export class TimetableModule {}
