import { DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100, KitTables1764400000000 } from '@jiaolian/service-kit';
import { ActivitiesTables1764600000000 } from './1764600000000-activities-tables.js';
import { OccurrenceCancellations1764700000000 } from './1764700000000-occurrence-cancellations.js';
import { WorkPlans1765100000000 } from './1765100000000-work-plans.js';
import { BriefingsArchives1765400000000 } from './1765400000000-briefings-archives.js';
import { PlanBodies1765610000000 } from './1765610000000-plan-bodies.js';
import { ActivityBodies1765740000000 } from './1765740000000-activity-bodies.js';

/** In timestamp order: the kit's tables first, then the directory, then this service's own. */
export const activitiesMigrations = [KitTables1764400000000, ...DIRECTORY_MIGRATIONS, ActivitiesTables1764600000000, OccurrenceCancellations1764700000000, WorkPlans1765100000000,
  DirectoryVersions1765200000100, BriefingsArchives1765400000000,
  PlanBodies1765610000000,
  ActivityBodies1765740000000,
];
