import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DashboardFigure, SERVICE_NAMES, type ServiceName } from '@jiaolian/contracts';

export class ServiceStatusView {
  @ApiProperty({ enum: SERVICE_NAMES }) service: ServiceName;
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ description: 'Round trip of the ping in milliseconds' }) latencyMs: number;
  @ApiPropertyOptional() version?: string;
  @ApiPropertyOptional({ description: 'The replica that answered' }) instance?: string;
  @ApiPropertyOptional({ enum: ['up', 'down'] }) database?: 'up' | 'down';
  @ApiPropertyOptional({ description: 'Why the service counts as down' }) error?: string;
}

export class SystemServicesView {
  @ApiProperty({ type: [ServiceStatusView] }) services: ServiceStatusView[];
}

export class DashboardServiceView {
  @ApiProperty({ enum: SERVICE_NAMES }) service: ServiceName;
  @ApiProperty({ enum: ['up', 'down'], description: 'down: the service did not answer; its figures are missing' }) status: 'up' | 'down';
  @ApiProperty({ type: [DashboardFigure] }) figures: DashboardFigure[];
}

export class DashboardView {
  @ApiProperty({ type: [DashboardServiceView], description: 'Key figures of every service for the caller\'s scope' })
  services: DashboardServiceView[];
}

export const PROCESS_STATES = ['starting', 'running', 'backing-off', 'stopped'] as const;
export type ProcessState = (typeof PROCESS_STATES)[number];
export const PROCESS_ROLES = ['infrastructure', 'service', 'gateway', 'console'] as const;

export class ProcessExitView {
  @ApiProperty({ type: Number, nullable: true, description: 'Exit code; null when a signal ended it' }) code: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'SIGKILL', description: 'The signal that ended it, if any' }) signal: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class ProcessStateView {
  @ApiProperty({ example: 'membership' }) name: string;
  @ApiProperty({ enum: PROCESS_ROLES }) role: (typeof PROCESS_ROLES)[number];
  @ApiProperty({
    enum: PROCESS_STATES,
    description: 'starting: spawned, not answering yet; running; backing-off: exited unexpectedly, waiting to be restarted; stopped: stopped on purpose',
  })
  state: ProcessState;
  @ApiProperty({ type: Number, nullable: true, description: 'Operating-system process id while it runs' }) pid: number | null;
  @ApiProperty({ description: 'Restarts after unexpected exits since the supervisor started' }) restarts: number;
  @ApiProperty({ type: ProcessExitView, nullable: true, description: 'How it ended last time, if it ever did' }) lastExit: ProcessExitView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it entered its current state' }) since: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next restart is due (backing-off only)' }) nextAttemptAt: string | null;
}

export class SupervisorView {
  @ApiProperty({ description: 'Process id of the supervisor (the local launcher)' }) pid: number;
  @ApiProperty({ description: 'The machine it runs on' }) host: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it last published (every few seconds while it runs)' }) updatedAt: string;
}

export class SystemProcessesView {
  @ApiProperty({ description: 'false when nothing supervises the processes here (e.g. on Kubernetes, whose own controllers restart pods)' })
  supervised: boolean;
  @ApiPropertyOptional({ type: SupervisorView }) supervisor?: SupervisorView;
  @ApiProperty({ type: [ProcessStateView] }) processes: ProcessStateView[];
}
