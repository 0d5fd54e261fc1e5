import type { MessageTemplates } from '../common/messages.js';

/** The assessment service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const ASSESSMENT_MESSAGES = {
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values assessment's messages name, by parameter. */
export const ASSESSMENT_PARAM_NAMES = {
} as const satisfies Record<string, Record<string, string>>;
