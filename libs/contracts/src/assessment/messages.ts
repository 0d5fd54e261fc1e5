import type { MessageTemplates } from '../common/messages.js';

/** The assessment service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const ASSESSMENT_MESSAGES = {
} as const satisfies Record<string, MessageTemplates>;
