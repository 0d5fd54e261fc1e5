import { Module } from '@nestjs/common';
import { QuotasController } from './quotas.controller.js';
import { QuotasService } from './quotas.service.js';

@Module({ controllers: [QuotasController], providers: [QuotasService], exports: [QuotasService] })
export class QuotasModule {}
