import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { teacherExchangeKitOptions, teacherExchangeSubscriptions, SERVICE } from './app.options.js';

@Module({
  imports: [
    ServiceKitModule.forService(teacherExchangeKitOptions, teacherExchangeSubscriptions),
    DirectoryModule.forService(SERVICE),
  ],
})
export class AppModule {}
