import { bootstrapService } from '@jiaolian/service-kit';
import { AppModule } from './app.module.js';
import { seedDemoCommand, seedDemoReportsCommand } from './commands/seed-demo.command.js';

await bootstrapService('activities', AppModule, { commands: { 'seed-demo': seedDemoCommand, 'seed-demo-reports': seedDemoReportsCommand } });
