import { Module } from '@nestjs/common';
import { SolverInputsService } from './solver-inputs.service.js';
import { SolvingController } from './solving.controller.js';

/** The itinerant timetable solver as a service (走教排课): its stored inputs. */
@Module({ controllers: [SolvingController], providers: [SolverInputsService] })
export class TimetableSolvingModule {}
