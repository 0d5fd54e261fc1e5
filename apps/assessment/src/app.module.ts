import { DirectoryModule, ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { AnalysisModule } from './analysis/analysis.module.js';
import { assessmentKitOptions, assessmentSubscriptions, SERVICE } from './app.options.js';
import { DashboardController } from './dashboard/dashboard.controller.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { ExamsModule } from './exams/exams.module.js';
import { ScoresModule } from './scores/scores.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { TermFactsModule } from './term-facts/term-facts.module.js';
import { PapersModule } from './papers/papers.module.js';
import { ItemAnalysisModule } from './item-analysis/item-analysis.module.js';
import { GrowthModule } from './growth/growth.module.js';

@Module({
  imports: [
    ServiceKitModule.forService(assessmentKitOptions, assessmentSubscriptions),
    DirectoryModule.forService(SERVICE),
    ExamsModule,
    ScoresModule,
    AnalysisModule,
    SurveysModule,
    TermFactsModule,
    EvaluationModule,
    PapersModule,
    ItemAnalysisModule,
    GrowthModule,
  ],
  controllers: [DashboardController],
})
export class AppModule {}
