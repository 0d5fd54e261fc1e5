import type { MessageTemplates } from '../common/messages.js';

/** The membership service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const MEMBERSHIP_MESSAGES = {
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values membership's messages name, by parameter. */
export const MEMBERSHIP_PARAM_NAMES = {
} as const satisfies Record<string, Record<string, string>>;
