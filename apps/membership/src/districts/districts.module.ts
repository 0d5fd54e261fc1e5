import { Module } from '@nestjs/common';
import { OverviewService } from '../overview/overview.service.js';
import { DistrictsController } from './districts.controller.js';
import { DistrictsService } from './districts.service.js';

@Module({
  controllers: [DistrictsController],
  providers: [DistrictsService, OverviewService],
  exports: [DistrictsService],
})
export class DistrictsModule {}
