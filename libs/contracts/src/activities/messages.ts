import type { MessageTemplates } from '../common/messages.js';

/** The activities service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const ACTIVITIES_MESSAGES = {
} as const satisfies Record<string, MessageTemplates>;

/** The Chinese names of the enumerated values activities's messages name, by parameter. */
export const ACTIVITIES_PARAM_NAMES = {
} as const satisfies Record<string, Record<string, string>>;
