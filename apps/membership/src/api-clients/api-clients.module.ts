import { Module } from '@nestjs/common';
import { ApiClientsController } from './api-clients.controller.js';
import { ApiClientsService } from './api-clients.service.js';

/** API clients (第三方应用) of a district, their secrets and the OAuth2 client credentials grant. */
@Module({
  controllers: [ApiClientsController],
  providers: [ApiClientsService],
})
export class ApiClientsModule {}
