import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { TermFactsModule } from './term-facts/term-facts.controller.js';
import { curriculumKitOptions, curriculumSubscriptions, SERVICE } from './app.options.js';
import { DashboardModule } from './dashboard/dashboard.controller.js';
import { FacilitiesModule } from './facilities/facilities.module.js';
import { ResourcesModule } from './resources/resources.module.js';

@Module({
  imports: [
    ServiceKitModule.forService(curriculumKitOptions, curriculumSubscriptions),
    DirectoryModule.forService(SERVICE),
    ResourcesModule, FacilitiesModule, DashboardModule, TermFactsModule,
  ],
})
export class AppModule {}
