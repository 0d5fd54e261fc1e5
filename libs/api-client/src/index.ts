export { createApiClient, unwrap, type ApiClient, type ApiClientOptions, type GatewayPaths } from './client.js';
export { ApiProblem, isApiProblem, toApiProblem, networkProblem, type ApiFieldError, type ProblemBody } from './problem.js';
export { memoryTokenStore, webStorageTokenStore, type StoredTokens, type TokenStore } from './tokens.js';
export type {
  Schemas, MeView, AssignmentView, RoleName, TokenPairView, DistrictView, DistrictOverviewView,
  SchoolView, CampusView, CreateSchoolDto, UpdateSchoolDto, CreateCampusDto, SchoolStage, SchoolLocale,
  AllianceView, AllianceDetailView, MembershipView, CreateAllianceDto, UpdateAllianceDto, AllianceKind, AllianceStatus,
  MemberRole, InviteSchoolDto, JoinRequestView, JoinRequestStatus, JoinDecision, UserView, CreateUserDto, UpdateUserDto,
  AssignRoleDto, AuditRecordView, ServiceStatusView, SystemServicesView, Page,
} from './types.js';
export type { paths, components } from './schema.js';
