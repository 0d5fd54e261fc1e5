import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { activitiesKitOptions, activitiesSubscriptions, SERVICE } from './app.options.js';

@Module({
  imports: [
    ServiceKitModule.forService(activitiesKitOptions, activitiesSubscriptions),
    DirectoryModule.forService(SERVICE),
  ],
})
export class AppModule {}
