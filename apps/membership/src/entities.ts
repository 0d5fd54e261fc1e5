import { AllianceEntity, AllianceMemberEntity, JoinRequestEntity } from './alliances/alliance.entity.js';
import { RefreshTokenEntity } from './auth/refresh-token.entity.js';
import { DistrictEntity } from './districts/district.entity.js';
import { BodyEntity, BodyMemberEntity } from './governance/bodies/body.entity.js';
import { CampusEntity, SchoolEntity } from './schools/school.entity.js';
import { RoleAssignmentEntity, UserEntity } from './users/user.entity.js';

export const membershipEntities = [
  DistrictEntity, SchoolEntity, CampusEntity, AllianceEntity, AllianceMemberEntity, JoinRequestEntity, UserEntity, RoleAssignmentEntity, RefreshTokenEntity,
  BodyEntity, BodyMemberEntity,
];
