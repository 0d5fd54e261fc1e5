import { AuditWriter } from '@jiaolian/service-kit';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Passwords } from '../auth/passwords.js';
import { ensurePlatformAdmin } from '../users/platform-admin.js';
import { systemCaller } from './system-caller.js';

/** `node apps/membership/dist/main.js create-admin`: creates or resets the platform admin from the environment. */
export async function createAdminCommand(app: INestApplicationContext): Promise<void> {
  const username = process.env['JIAOLIAN_ADMIN_USERNAME'] || 'admin';
  const password = process.env['JIAOLIAN_ADMIN_PASSWORD'];
  if (!password || password.length < 10) {
    throw new Error('Set JIAOLIAN_ADMIN_PASSWORD (at least 10 characters) to create or reset the platform admin');
  }
  const outcome = await ensurePlatformAdmin(app.get(DataSource), app.get(Passwords), app.get(AuditWriter), systemCaller('create-admin'), { username, password, mode: 'reset' });
  process.stdout.write(`Platform admin "${username}" ${outcome === 'created' ? 'created' : 'reset'}.\n`);
}
