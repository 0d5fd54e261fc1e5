import { bootstrapService } from '@jiaolian/service-kit';
import { AppModule } from './app.module.js';
import { remindCommand } from './commands/remind.command.js';

await bootstrapService('integrations', AppModule, { commands: { remind: remindCommand } });
