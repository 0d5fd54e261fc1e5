/** Kinds of teaching resource: 教案, 课件, 课例, 试卷, 案例, 反思, 教研资料. */
export const RESOURCE_TYPES = ['lesson_plan', 'courseware', 'lesson_video', 'exam_paper', 'case', 'reflection', 'research'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Who may see a resource: the owner's school, schools sharing an active alliance with it, or the whole district. */
export const RESOURCE_VISIBILITIES = ['school', 'alliance', 'district'] as const;
export type ResourceVisibility = (typeof RESOURCE_VISIBILITIES)[number];

/** Textbook editions offered in forms; any other edition name is accepted too. */
export const TEXTBOOK_EDITIONS = ['人教版', '北师大版', '苏教版', '部编版', '浙教版', '沪教版', '外研版', '湘教版'] as const;

/** Licences offered in forms; any other licence text is accepted too. */
export const RESOURCE_LICENCES = ['CC BY 4.0', 'CC BY-NC 4.0', 'CC BY-NC-SA 4.0', '联盟内共享', '保留所有权利'] as const;

/** Accepted file name extensions per resource type (lower case, with the dot). */
export const RESOURCE_FILE_EXTENSIONS: Record<ResourceType, readonly string[]> = {
  lesson_plan: ['.doc', '.docx', '.pdf', '.txt', '.md', '.odt', '.wps'],
  courseware: ['.ppt', '.pptx', '.pdf', '.key', '.odp', '.dps', '.zip'],
  lesson_video: ['.mp4', '.mov', '.webm', '.mkv', '.m4v'],
  exam_paper: ['.doc', '.docx', '.pdf', '.xls', '.xlsx', '.wps'],
  case: ['.doc', '.docx', '.pdf', '.txt', '.md', '.wps'],
  reflection: ['.doc', '.docx', '.pdf', '.txt', '.md', '.wps'],
  research: ['.doc', '.docx', '.pdf', '.ppt', '.pptx', '.xls', '.xlsx', '.zip', '.txt', '.md'],
};

/** Every extension some resource type accepts (what the gateway lets into the store before it knows the type). */
export const ALL_RESOURCE_FILE_EXTENSIONS: readonly string[] = [...new Set(Object.values(RESOURCE_FILE_EXTENSIONS).flat())].sort();

/** Default size limits in MB; deployments change them with CURRICULUM_VIDEO_MAX_MB and CURRICULUM_FILE_MAX_MB. */
export const DEFAULT_VIDEO_MAX_MB = 200;
export const DEFAULT_FILE_MAX_MB = 50;

/** Shared facilities: 实验室, 音乐室, 少年宫, 农耕基地, 设备, and anything else (其他). */
export const FACILITY_KINDS = ['lab', 'music_room', 'youth_palace', 'farm_base', 'equipment', 'other'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** pending → approved | rejected; pending | approved → cancelled. Pending and approved hold the slot. */
export const BOOKING_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

/** The booking statuses that hold a facility's time slot (the exclusion constraint's condition). */
export const SLOT_HOLDING_STATUSES: readonly BookingStatus[] = ['pending', 'approved'];
