import { KitTables1764400000000 } from '@jiaolian/service-kit';
import { MembershipTables1764500000000 } from './1764500000000-membership-tables.js';
import { SessionFamilies1765100000000 } from './1765100000000-session-families.js';
import { RowVersions1765200000000 } from './1765200000000-row-versions.js';
import { ApiClients1765500000000 } from './1765500000000-api-clients.js';
import { Charters1765600000000 } from './1765600000000-charters.js';
import { AllianceBodies1765610000000 } from './1765610000000-alliance-bodies.js';
import { SchoolProfiles1765620000000 } from './1765620000000-school-profiles.js';
import { CrossDistrict1765630000000 } from './1765630000000-cross-district.js';
import { TeacherAccounts1765700000000 } from './1765700000000-teacher-accounts.js';

/** In order: the kit's tables first, then the service's own. */
export const membershipMigrations = [KitTables1764400000000, MembershipTables1764500000000, SessionFamilies1765100000000, RowVersions1765200000000, ApiClients1765500000000,
  Charters1765600000000,
  AllianceBodies1765610000000,
  SchoolProfiles1765620000000,
  CrossDistrict1765630000000,
  TeacherAccounts1765700000000,
];
