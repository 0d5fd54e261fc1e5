import type { MessageTemplates } from '../common/messages.js';

/** The teacher-exchange service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const TEACHER_EXCHANGE_MESSAGES = {
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values teacher-exchange's messages name, by parameter. */
export const TEACHER_EXCHANGE_PARAM_NAMES = {
} as const satisfies Record<string, Record<string, string>>;
