import { Module } from '@nestjs/common';
import { MembershipsStore } from '../../alliances/memberships.store.js';
import { CharterSweep } from './charter-sweep.js';
import { ChartersController } from './charters.controller.js';
import { ChartersService } from './charters.service.js';

/** Charters and agreements (章程与协议) of alliances and pairings: versions, signatures, expiry. */
@Module({
  controllers: [ChartersController],
  providers: [ChartersService, CharterSweep, MembershipsStore],
  exports: [ChartersService],
})
export class ChartersModule {}
