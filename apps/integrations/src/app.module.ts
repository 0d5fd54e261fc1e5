import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { integrationsKitOptions, integrationsSubscriptions, SERVICE } from './app.options.js';

@Module({
  imports: [
    ServiceKitModule.forService(integrationsKitOptions, integrationsSubscriptions),
    DirectoryModule.forService(SERVICE),
  ],
})
export class AppModule {}
