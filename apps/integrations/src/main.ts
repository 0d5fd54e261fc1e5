import { bootstrapService } from '@jiaolian/service-kit';
import { AppModule } from './app.module.js';

await bootstrapService('integrations', AppModule);
