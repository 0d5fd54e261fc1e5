export const ALLIANCE_KINDS = ['pairing', 'alliance', 'integrated'] as const;
export type AllianceKind = (typeof ALLIANCE_KINDS)[number];

export const ALLIANCE_STATUSES = ['draft', 'active', 'dissolved'] as const;
export type AllianceStatus = (typeof ALLIANCE_STATUSES)[number];

/** core/member for alliances and integrated alliances; supporting/supported for pairings. */
export const MEMBER_ROLES = ['core', 'member', 'supporting', 'supported'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const SCHOOL_STAGES = ['kindergarten', 'primary', 'junior', 'senior', 'nine_year', 'twelve_year', 'vocational'] as const;
export type SchoolStage = (typeof SCHOOL_STAGES)[number];

export const SCHOOL_LOCALES = ['urban', 'township', 'village'] as const;
export type SchoolLocale = (typeof SCHOOL_LOCALES)[number];

export const JOIN_REQUEST_KINDS = ['invitation', 'application'] as const;
export type JoinRequestKind = (typeof JOIN_REQUEST_KINDS)[number];

export const JOIN_REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
