// The notification centre (per-user notifications, preferences), chat robots (WeCom, DingTalk) and e-mail.
export { postNotification, type NewNotification, type NotificationRecipient, type PostedNotification } from './notification-poster.js';
