import { Module } from '@nestjs/common';
import { activitiesFileStoreProvider } from '../common/file-store.js';
import { TermFactsModule } from '../term-facts/term-facts.module.js';
import { BriefingAssembler } from './briefing-assembler.js';
import { BriefingsController } from './briefings.controller.js';
import { BriefingsService } from './briefings.service.js';

/**
 * Briefings (季度通报) per district and alliance for a quarter, a term or two days: a frozen snapshot of
 * the five services' figures, plan progress, evaluation status and highlights, with its PDF and .xlsx.
 */
@Module({
  imports: [TermFactsModule],
  controllers: [BriefingsController],
  providers: [BriefingsService, BriefingAssembler, activitiesFileStoreProvider],
  exports: [BriefingsService],
})
export class BriefingsModule {}
