import { directorySubscription, type EventSubscription, type ServiceKitOptions } from '@jiaolian/service-kit';
import { ACTIVITIES_ENTITIES } from './entities.js';
import { activitiesMigrations } from './migrations/index.js';

export const SERVICE = 'activities';

/** The service's tables, migrations and event subscriptions, as ServiceKitModule.forService takes them. */
export const activitiesKitOptions: ServiceKitOptions = {
  service: SERVICE,
  entities: ACTIVITIES_ENTITIES,
  migrations: activitiesMigrations,
};

export const activitiesSubscriptions = (): EventSubscription[] => [directorySubscription(SERVICE)];
