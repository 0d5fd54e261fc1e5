import { Module } from '@nestjs/common';
import { MembershipDashboardService, OverviewService } from '../overview/overview.service.js';
import { DistrictsController } from './districts.controller.js';
import { DistrictsService } from './districts.service.js';

@Module({
  controllers: [DistrictsController],
  providers: [DistrictsService, OverviewService, MembershipDashboardService],
  exports: [DistrictsService],
})
export class DistrictsModule {}
