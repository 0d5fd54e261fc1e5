import type { components } from './schema.js';

/** Friendly names for the gateway's schemas, so callers do not spell `components['schemas'][...]`. */
export type Schemas = components['schemas'];

export type MeView = Schemas['MeView'];
export type AssignmentView = Schemas['AssignmentView'];
export type RoleName = AssignmentView['role'];
export type TokenPairView = Schemas['TokenPairView'];
export type DistrictView = Schemas['DistrictView'];
export type DistrictOverviewView = Schemas['DistrictOverviewView'];
export type SchoolView = Schemas['SchoolView'];
export type CampusView = Schemas['CampusView'];
export type CreateSchoolDto = Schemas['CreateSchoolDto'];
export type UpdateSchoolDto = Schemas['UpdateSchoolDto'];
export type CreateCampusDto = Schemas['CreateCampusDto'];
export type SchoolStage = SchoolView['stage'];
export type SchoolLocale = SchoolView['locale'];
export type AllianceView = Schemas['AllianceView'];
export type AllianceDetailView = Schemas['AllianceDetailView'];
export type MembershipView = Schemas['MembershipView'];
export type CreateAllianceDto = Schemas['CreateAllianceDto'];
export type UpdateAllianceDto = Schemas['UpdateAllianceDto'];
export type AllianceKind = AllianceView['kind'];
export type AllianceStatus = AllianceView['status'];
export type MemberRole = MembershipView['role'];
export type InviteSchoolDto = Schemas['InviteSchoolDto'];
export type JoinRequestView = Schemas['JoinRequestView'];
export type JoinRequestStatus = JoinRequestView['status'];
export type JoinDecision = Schemas['RespondJoinRequestDto']['decision'];
export type UserView = Schemas['UserView'];
export type CreateUserDto = Schemas['CreateUserDto'];
export type UpdateUserDto = Schemas['UpdateUserDto'];
export type AssignRoleDto = Schemas['AssignRoleDto'];
export type AuditRecordView = Schemas['AuditRecordView'];
export type ServiceStatusView = Schemas['ServiceStatusView'];
export type SystemServicesView = Schemas['SystemServicesView'];

/** Every list route answers this shape. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
