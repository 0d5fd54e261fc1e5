import { DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100, KitTables1764400000000 } from '@jiaolian/service-kit';
import { AssessmentTables1764600000000 } from './1764600000000-assessment-tables.js';
import { ScoreStatus1765000000000 } from './1765000000000-score-status.js';
import { Surveys1765200000000 } from './1765200000000-surveys.js';
import { Evaluation1765300000000 } from './1765300000000-evaluation.js';
import { Items1765730000000 } from './1765730000000-items.js';

/** In timestamp order: the kit's tables first, then the directory, then this service's own. */
export const assessmentMigrations = [KitTables1764400000000, ...DIRECTORY_MIGRATIONS, AssessmentTables1764600000000, ScoreStatus1765000000000, Surveys1765200000000, DirectoryVersions1765200000100, Evaluation1765300000000,
  Items1765730000000];
