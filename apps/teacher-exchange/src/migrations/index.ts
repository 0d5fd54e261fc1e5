import { DIRECTORY_MIGRATIONS, DirectoryVersions1765200000100, KitTables1764400000000 } from '@jiaolian/service-kit';
import { TeacherExchangeTables1764600000000 } from './1764600000000-teacher-exchange-tables.js';
import { TimetableSlots1764900000000 } from './1764900000000-timetable-slots.js';
import { WeekFeedTokens1765700000000 } from './1765700000000-week-feed-tokens.js';
import { MentorshipObservation1765710000000 } from './1765710000000-mentorship-observation.js';
import { TimetableSolverInputs1765720000000 } from './1765720000000-timetable-solver-inputs.js';

/** In timestamp order: the kit's tables first, then the directory, then this service's own. */
export const teacherExchangeMigrations = [KitTables1764400000000, ...DIRECTORY_MIGRATIONS, TeacherExchangeTables1764600000000, TimetableSlots1764900000000, DirectoryVersions1765200000100,
  WeekFeedTokens1765700000000, MentorshipObservation1765710000000, TimetableSolverInputs1765720000000];
