import { DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100, KitTables1764400000000 } from '@jiaolian/service-kit';
import { CurriculumTables1764600000000 } from './1764600000000-curriculum-tables.js';
import { ResourceVersions1764700000000 } from './1764700000000-resource-versions.js';
import { ResourceSearchScale1765650000000 } from './1765650000000-resource-search-scale.js';

/** In timestamp order: the kit's tables first, then the directory, then this service's own. */
export const curriculumMigrations = [KitTables1764400000000, ...DIRECTORY_MIGRATIONS, CurriculumTables1764600000000, ResourceVersions1764700000000, DirectoryVersions1765200000100,
  ResourceSearchScale1765650000000];
