import { DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100, KitTables1764400000000 } from '@jiaolian/service-kit';

/** In timestamp order: the kit's tables first, then the directory, then this service's own. */
export const integrationsMigrations = [KitTables1764400000000, ...DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100];
