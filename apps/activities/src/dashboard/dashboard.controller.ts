import { dashboardSubject, type DashboardFiguresView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DashboardService } from './dashboard.service.js';

@Controller()
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @MessagePattern(dashboardSubject('activities'))
  figures(@Scope() scope: AccessScope): Promise<DashboardFiguresView> {
    return this.dashboard.figures(scope);
  }
}
