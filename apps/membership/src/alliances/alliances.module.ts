import { Module } from '@nestjs/common';
import { DistrictsModule } from '../districts/districts.module.js';
import { AlliancesController } from './alliances.controller.js';
import { AlliancesService } from './alliances.service.js';
import { JoinRequestsService } from './join-requests.service.js';
import { MembershipsStore } from './memberships.store.js';

@Module({
  imports: [DistrictsModule],
  controllers: [AlliancesController],
  providers: [AlliancesService, JoinRequestsService, MembershipsStore],
  exports: [AlliancesService, JoinRequestsService],
})
export class AlliancesModule {}
