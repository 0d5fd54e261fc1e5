import { KIT_LOGGER, type ServiceCommand } from '@jiaolian/service-kit';
import type { Logger } from 'pino';
import { ActionItemReminders } from '../notifications/action-item-reminders.js';
import { SurveyReminders } from '../notifications/survey-reminders.js';

const PASSES = { 'action-items': ActionItemReminders, surveys: SurveyReminders } as const;

/**
 * `node main.js remind`: one reminder pass now, as the running service makes every hour; a reminder
 * already sent is not sent again, so it is safe beside running replicas. `REMIND_PASSES` (comma-separated:
 * action-items, surveys; default both) chooses the passes. Each pass runs even when another fails (the
 * service it asks is down); the command fails if any did.
 */
export const remindCommand: ServiceCommand = async (app) => {
  const logger = app.get<Logger>(KIT_LOGGER, { strict: false });
  const wanted = (process.env['REMIND_PASSES'] ?? Object.keys(PASSES).join(',')).split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = wanted.filter((p) => !Object.hasOwn(PASSES, p));
  if (unknown.length) throw new Error(`REMIND_PASSES names no pass ${unknown.join(', ')}; known: ${Object.keys(PASSES).join(', ')}`);
  const failed: string[] = [];
  for (const name of wanted as (keyof typeof PASSES)[]) {
    try {
      const sent = await app.get<{ run(): Promise<number> }>(PASSES[name], { strict: false }).run();
      logger.info({ pass: name, sent }, 'reminder pass done');
    } catch (error) {
      failed.push(name);
      logger.error({ pass: name, err: (error as Error).message }, 'reminder pass failed');
    }
  }
  if (failed.length) throw new Error(`reminder passes failed: ${failed.join(', ')}`);
};
