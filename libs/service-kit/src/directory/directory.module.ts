import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { directorySubject, type ServiceDirectoryView } from '@jiaolian/contracts';
import type { AccessScope } from '../context/access-scope.js';
import { Scope } from '../context/caller.guard.js';
import type { DirectoryServiceName } from './directory.projection.js';
import { DirectoryService } from './directory.service.js';

/**
 * The directory query of one service (`<service>.directory.alliances`) and DirectoryService for its
 * own checks. The tables, migration and subscription are listed in ServiceKitModule.forService.
 */
@Module({})
export class DirectoryModule {
  static forService(service: DirectoryServiceName): DynamicModule {
    @Controller()
    class DirectoryController {
      constructor(private readonly directory: DirectoryService) {}

      @MessagePattern(directorySubject(service))
      alliances(@Scope() scope: AccessScope): Promise<ServiceDirectoryView> {
        return this.directory.view(service, scope);
      }
    }

    return { module: DirectoryModule, controllers: [DirectoryController], providers: [DirectoryService], exports: [DirectoryService] };
  }
}
