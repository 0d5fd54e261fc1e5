export const SERVICE_NAMES = ['membership', 'teacher-exchange', 'curriculum', 'activities', 'assessment', 'integrations'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Every service answers `<service>.health.ping`, so the gateway can tell which services are up. */
export const healthSubject = (service: ServiceName): string => `${service}.health.ping`;

export interface ServicePing {
  service: ServiceName;
  version: string;
  instance: string;
  database: 'up' | 'down';
}
