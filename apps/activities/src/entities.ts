import { DIRECTORY_ENTITIES } from '@jiaolian/service-kit';
import { ActivityEntity } from './activities/activity.entity.js';
import { FeedTokenEntity } from './calendar/feed-token.entity.js';
import { ActionItemEntity, MinutesEntity } from './minutes/minutes.entity.js';
import { PLAN_ENTITIES } from './plans/plan.entity.js';
import { RegistrationEntity } from './registrations/registration.entity.js';

export const ACTIVITIES_ENTITIES = [...DIRECTORY_ENTITIES, ActivityEntity, RegistrationEntity, MinutesEntity, ActionItemEntity, FeedTokenEntity,
  ...PLAN_ENTITIES];
