import { Module } from '@nestjs/common';
import { BodiesController } from './bodies.controller.js';
import { BodiesService } from './bodies.service.js';

/** The organisation of an alliance: bodies (理事会, 工作组, 工作室 …), their members and terms. */
@Module({
  controllers: [BodiesController],
  providers: [BodiesService],
})
export class BodiesModule {}
