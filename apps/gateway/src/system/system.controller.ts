import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  dashboardSubject, directorySubject, healthSubject, SERVICE_NAMES, ServiceDirectoryView, type DashboardFiguresView, type ServiceName, type ServicePing,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';
import { ProcessBoard } from './process-board.js';
import { DashboardView, SystemProcessesView, SystemServicesView, type DashboardServiceView, type ServiceStatusView } from './system.views.js';

export const PING_TIMEOUT_MS = 2000;
export const DASHBOARD_TIMEOUT_MS = 3000;

@ApiTags('system')
@Controller()
export class SystemController {
  constructor(private readonly bus: GatewayBus, private readonly board: ProcessBoard) {}

  @Get('system/services')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Which services answer right now', view: SystemServicesView })
  async services(@Call() call: CallContext): Promise<SystemServicesView> {
    return { services: await Promise.all(SERVICE_NAMES.map((service) => this.ping(service, call))) };
  }

  @Get('system/processes')
  @Roles('district_admin')
  @ApiRoute({ summary: 'The processes a local supervisor keeps running: state, restarts and last exit (supervised: false where nothing supervises, e.g. on Kubernetes)', view: SystemProcessesView })
  processes(): Promise<SystemProcessesView> {
    return this.board.read();
  }

  @Get('dashboard')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'Key figures of every service for your scope (a service that does not answer is marked down)', view: DashboardView })
  async dashboard(@Call() call: CallContext): Promise<DashboardView> {
    return { services: await Promise.all(SERVICE_NAMES.map((service) => this.figures(service, call))) };
  }

  @Get('teacher-exchange/directory')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: "The teacher-exchange service's copy of alliance membership", view: ServiceDirectoryView })
  teacherExchangeDirectory(@Call() call: CallContext): Promise<ServiceDirectoryView> {
    return this.bus.request(call, directorySubject('teacher-exchange'), {});
  }

  @Get('curriculum/directory')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: "The curriculum service's copy of alliance membership", view: ServiceDirectoryView })
  curriculumDirectory(@Call() call: CallContext): Promise<ServiceDirectoryView> {
    return this.bus.request(call, directorySubject('curriculum'), {});
  }

  @Get('activities/directory')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: "The activities service's copy of alliance membership", view: ServiceDirectoryView })
  activitiesDirectory(@Call() call: CallContext): Promise<ServiceDirectoryView> {
    return this.bus.request(call, directorySubject('activities'), {});
  }

  @Get('assessment/directory')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: "The assessment service's copy of alliance membership", view: ServiceDirectoryView })
  assessmentDirectory(@Call() call: CallContext): Promise<ServiceDirectoryView> {
    return this.bus.request(call, directorySubject('assessment'), {});
  }

  private async figures(service: ServiceName, call: CallContext): Promise<DashboardServiceView> {
    try {
      const view = await this.bus.request<DashboardFiguresView>(call, dashboardSubject(service), {}, DASHBOARD_TIMEOUT_MS);
      return { service, status: 'up', figures: view.figures };
    } catch {
      return { service, status: 'down', figures: [] };
    }
  }

  private async ping(service: ServiceName, call: CallContext): Promise<ServiceStatusView> {
    const started = performance.now();
    try {
      const pong = await this.bus.request<ServicePing>(call, healthSubject(service), {}, PING_TIMEOUT_MS);
      return { service, status: 'up', latencyMs: Math.round(performance.now() - started), version: pong.version, instance: pong.instance, database: pong.database };
    } catch (error) {
      return { service, status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
    }
  }
}
