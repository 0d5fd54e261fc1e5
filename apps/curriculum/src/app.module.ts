import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { curriculumKitOptions, curriculumSubscriptions, SERVICE } from './app.options.js';

@Module({
  imports: [
    ServiceKitModule.forService(curriculumKitOptions, curriculumSubscriptions),
    DirectoryModule.forService(SERVICE),
  ],
})
export class AppModule {}
