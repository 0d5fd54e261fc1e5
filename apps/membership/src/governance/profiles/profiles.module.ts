import { Module } from '@nestjs/common';
import { DistrictsModule } from '../../districts/districts.module.js';
import { ProfilesController } from './profiles.controller.js';
import { ProfilesService } from './profiles.service.js';

/** School profiles (学校画像): the district's tag taxonomy, profile rounds (调研) and profiles per term. */
@Module({
  imports: [DistrictsModule],
  controllers: [ProfilesController],
  providers: [ProfilesService],
  exports: [ProfilesService],
})
export class ProfilesModule {}
