import { ServiceKitModule } from '@jiaolian/service-kit';
import { Module } from '@nestjs/common';
import { ApiClientsModule } from './api-clients/api-clients.module.js';
import { AlliancesModule } from './alliances/alliances.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { DistrictsModule } from './districts/districts.module.js';
import { CrossDistrictModule } from './governance/cross-district/cross-district.module.js';
import { membershipEntities } from './entities.js';
import { membershipMigrations } from './migrations/index.js';
import { SchoolsModule } from './schools/schools.module.js';
import { TermFactsModule } from './term-facts/term-facts.controller.js';
import { UsersModule } from './users/users.module.js';
import { ProfilesModule } from './governance/profiles/profiles.module.js';
import { PairingModule } from './governance/pairing/pairing.module.js';
import { ChartersModule } from './governance/charters/charters.module.js';
import { BodiesModule } from './governance/bodies/bodies.module.js';

@Module({
  imports: [
    ServiceKitModule.forService({ service: 'membership', entities: membershipEntities, migrations: membershipMigrations }),
    DistrictsModule, SchoolsModule, AlliancesModule, UsersModule, AuthModule, AuditModule, TermFactsModule, ApiClientsModule,
    ProfilesModule, PairingModule,
    CrossDistrictModule,
    ChartersModule,
    BodiesModule,
  ],
})
export class AppModule {}
