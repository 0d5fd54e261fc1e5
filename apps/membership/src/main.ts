import { bootstrapService } from '@jiaolian/service-kit';
import { AppModule } from './app.module.js';
import { createAdminCommand } from './commands/create-admin.command.js';
import { seedDemoCommand } from './commands/seed-demo.command.js';

await bootstrapService('membership', AppModule, {
  commands: { 'create-admin': createAdminCommand, 'seed-demo': seedDemoCommand },
});
