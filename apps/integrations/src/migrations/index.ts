import { DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100, KitTables1764400000000 } from '@jiaolian/service-kit';
import { ChangeLog1765500000000 } from './1765500000000-change-log.js';
import { Webhooks1765510000000 } from './1765510000000-webhooks.js';
import { Notifications1765520000000 } from './1765520000000-notifications.js';

/** In timestamp order: the kit's tables first, then the directory, then this service's own. */
export const integrationsMigrations = [
  KitTables1764400000000, ...DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100, ChangeLog1765500000000, Webhooks1765510000000, Notifications1765520000000,
];
