import { Module } from '@nestjs/common';
import { TimetableModule } from '../timetable.module.js';
import { SolveJobsService } from './solve-jobs.service.js';
import { SolveRunner } from './solve-runner.js';
import { SolverInputsService } from './solver-inputs.service.js';
import { SolvingController } from './solving.controller.js';

/** The itinerant timetable solver as a service (走教排课): its stored inputs and solve jobs, run in worker threads. */
@Module({ imports: [TimetableModule], controllers: [SolvingController], providers: [SolverInputsService, SolveJobsService, SolveRunner] })
export class TimetableSolvingModule {}
