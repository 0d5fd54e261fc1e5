/** Kinds of alliance activity (glossary: 联盟活动). The first four are teaching research (教研活动). */
export const ACTIVITY_KINDS = [
  'demo', 'discussion', 'competition', 'delivered',
  'joint_meeting', 'festival', 'sports_meet', 'open_week', 'labour_practice', 'parent_lecture', 'online_session', 'training',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const TEACHING_RESEARCH_KINDS: readonly ActivityKind[] = ['demo', 'discussion', 'competition', 'delivered'];

export const ACTIVITY_STATUSES = ['scheduled', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Where an activity happens: at a school, at a named facility (少年宫, 农耕基地…), or online. */
export const PLACE_KINDS = ['school', 'facility', 'online'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const RECURRENCE_FREQS = ['weekly', 'monthly'] as const;
export type RecurrenceFreq = (typeof RECURRENCE_FREQS)[number];

export const PARTICIPANT_KINDS = ['teacher', 'student', 'parent'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const REGISTRATION_STATUSES = ['registered', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** done once marked; overdue when its due date has passed in Asia/Shanghai; open otherwise. */
export const ACTION_ITEM_STATUSES = ['open', 'overdue', 'done'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** The zone activities are shown and repeated in; times are stored in UTC. */
export const ACTIVITY_TIME_ZONE = 'Asia/Shanghai';
