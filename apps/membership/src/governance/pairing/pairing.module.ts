import { Module } from '@nestjs/common';
import { AlliancesModule } from '../../alliances/alliances.module.js';
import { DistrictsModule } from '../../districts/districts.module.js';
import { PairingController } from './pairing.controller.js';
import { PairingService } from './pairing.service.js';

/** Pairing suggestions (结对推荐) from the school profiles, and turning one into a draft pairing. */
@Module({
  imports: [DistrictsModule, AlliancesModule],
  controllers: [PairingController],
  providers: [PairingService],
})
export class PairingModule {}
