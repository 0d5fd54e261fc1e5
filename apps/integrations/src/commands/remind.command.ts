import { KIT_LOGGER, type ServiceCommand } from '@jiaolian/service-kit';
import type { Logger } from 'pino';
import { ActionItemReminders } from '../notifications/action-item-reminders.js';
import { SurveyReminders } from '../notifications/survey-reminders.js';

/**
 * `node main.js remind`: one reminder pass now (action items, survey deadlines), as the running service
 * does every hour; a reminder already sent is not sent again, so it is safe beside running replicas.
 */
export const remindCommand: ServiceCommand = async (app) => {
  const actionItems = await app.get(ActionItemReminders, { strict: false }).run();
  const surveys = await app.get(SurveyReminders, { strict: false }).run();
  app.get<Logger>(KIT_LOGGER, { strict: false }).info({ actionItems, surveys }, 'reminder pass done');
};
