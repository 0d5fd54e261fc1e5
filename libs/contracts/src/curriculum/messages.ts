import type { MessageTemplates } from '../common/messages.js';

/** The curriculum service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const CURRICULUM_MESSAGES = {
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values curriculum's messages name, by parameter. */
export const CURRICULUM_PARAM_NAMES = {
} as const satisfies Record<string, Record<string, string>>;
