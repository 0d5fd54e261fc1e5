import { bootstrapService } from '@jiaolian/service-kit';
import { AppModule } from './app.module.js';
import { seedDemoCommand } from './commands/seed-demo.command.js';

await bootstrapService('assessment', AppModule, { commands: { 'seed-demo': seedDemoCommand } });
