import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ActivitiesModule } from './activities/activities.module.js';
import { AssessmentModule } from './assessment/assessment.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ChangesModule } from './changes/changes.module.js';
import { CommonModule } from './common/common.module.js';
import { CurriculumModule } from './curriculum/curriculum.module.js';
import { GatewayMetrics } from './common/http/http-metrics.js';
import type { GatewayConfig } from './config.js';
import { HealthModule } from './health/health.module.js';
import { MembershipModule } from './membership/membership.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { SystemModule } from './system/system.module.js';
import { TeacherExchangeModule } from './teacher-exchange/teacher-exchange.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, logger: Logger, metrics: GatewayMetrics): DynamicModule {
    return {
      module: AppModule,
      imports: [CommonModule.forRoot(config, logger, metrics), AuthModule, MembershipModule, CurriculumModule, AssessmentModule, TeacherExchangeModule, ActivitiesModule, ChangesModule, WebhooksModule, NotificationsModule, SystemModule, HealthModule],
    };
  }
}
