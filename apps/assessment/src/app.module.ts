import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { assessmentKitOptions, assessmentSubscriptions, SERVICE } from './app.options.js';

@Module({
  imports: [
    ServiceKitModule.forService(assessmentKitOptions, assessmentSubscriptions),
    DirectoryModule.forService(SERVICE),
  ],
})
export class AppModule {}
