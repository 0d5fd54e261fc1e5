import { AllianceEntity, AllianceMemberEntity, JoinRequestEntity } from './alliances/alliance.entity.js';
import { RefreshTokenEntity } from './auth/refresh-token.entity.js';
import { DistrictEntity } from './districts/district.entity.js';
import { ProfileRoundEntity, ProfileTagEntity, RoadDistanceEntity, SchoolProfileEntity } from './governance/profiles/profile.entity.js';
import { JoinRequestApprovalEntity } from './governance/cross-district/join-request-approval.entity.js';
import { BodyEntity, BodyMemberEntity } from './governance/bodies/body.entity.js';
import { CampusEntity, SchoolEntity } from './schools/school.entity.js';
import { RoleAssignmentEntity, UserEntity } from './users/user.entity.js';

export const membershipEntities = [
  DistrictEntity, SchoolEntity, CampusEntity, AllianceEntity, AllianceMemberEntity, JoinRequestEntity, UserEntity, RoleAssignmentEntity, RefreshTokenEntity,
  ProfileTagEntity, ProfileRoundEntity, SchoolProfileEntity, RoadDistanceEntity,
  JoinRequestApprovalEntity,
  BodyEntity, BodyMemberEntity,
];
