import { DIRECTORY_ENTITIES, directorySubscription, type EventSubscription, type ServiceKitOptions } from '@jiaolian/service-kit';
import { teacherExchangeMigrations } from './migrations/index.js';

export const SERVICE = 'teacher-exchange';

/** The service's tables, migrations and event subscriptions, as ServiceKitModule.forService takes them. */
export const teacherExchangeKitOptions: ServiceKitOptions = {
  service: SERVICE,
  entities: [...DIRECTORY_ENTITIES],
  migrations: teacherExchangeMigrations,
};

export const teacherExchangeSubscriptions = (): EventSubscription[] => [directorySubscription(SERVICE)];
