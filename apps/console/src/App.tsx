import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiProblem } from '@jiaolian/api-client';
import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { homePath, type ReturnTo } from './auth/roles';
import { LoginPage } from './pages/LoginPage';
import { lazyPage, PageLoading } from './layout/lazy-page';

// The signed-in frame (menu, header, bell) is fetched after sign-in, not with the sign-in page.
const AppLayout = lazyPage(() => import('./layout/AppLayout'), 'AppLayout');
const NoRolePage = lazyPage(() => import('./components/state-pages'), 'NoRolePage');
const NotFoundPage = lazyPage(() => import('./components/state-pages'), 'NotFoundPage');

// Every page but sign-in is its own chunk, loaded when its route is first opened.
const OverviewPage = lazyPage(() => import('./pages/overview/OverviewPage'), 'OverviewPage');
const DashboardPage = lazyPage(() => import('./pages/dashboard/DashboardPage'), 'DashboardPage');
const SchoolsPage = lazyPage(() => import('./pages/schools/SchoolsPage'), 'SchoolsPage');
const SchoolDetailPage = lazyPage(() => import('./pages/schools/SchoolDetailPage'), 'SchoolDetailPage');
const SchoolFormPage = lazyPage(() => import('./pages/schools/SchoolFormPage'), 'SchoolFormPage');
const AlliancesPage = lazyPage(() => import('./pages/alliances/AlliancesPage'), 'AlliancesPage');
const AllianceDetailPage = lazyPage(() => import('./pages/alliances/AllianceDetailPage'), 'AllianceDetailPage');
const JoinRequestsPage = lazyPage(() => import('./pages/join-requests/JoinRequestsPage'), 'JoinRequestsPage');
const UsersPage = lazyPage(() => import('./pages/users/UsersPage'), 'UsersPage');
const UserDetailPage = lazyPage(() => import('./pages/users/UserDetailPage'), 'UserDetailPage');
const ApiClientsPage = lazyPage(() => import('./pages/api-clients/ApiClientsPage'), 'ApiClientsPage');
const AuditPage = lazyPage(() => import('./pages/audit/AuditPage'), 'AuditPage');
const ExamsPage = lazyPage(() => import('./pages/assessment/ExamsPage'), 'ExamsPage');
const ExamDetailPage = lazyPage(() => import('./pages/assessment/ExamDetailPage'), 'ExamDetailPage');
const TeachersPage = lazyPage(() => import('./pages/teacher-exchange/TeachersPage'), 'TeachersPage');
const TeacherFormPage = lazyPage(() => import('./pages/teacher-exchange/TeacherFormPage'), 'TeacherFormPage');
const TeacherImportPage = lazyPage(() => import('./pages/teacher-exchange/TeacherImportPage'), 'TeacherImportPage');
const PlacementsPage = lazyPage(() => import('./pages/teacher-exchange/PlacementsPage'), 'PlacementsPage');
const PlacementFormPage = lazyPage(() => import('./pages/teacher-exchange/PlacementFormPage'), 'PlacementFormPage');
const QuotasPage = lazyPage(() => import('./pages/teacher-exchange/QuotasPage'), 'QuotasPage');
const PlacementTimetablePage = lazyPage(() => import('./pages/teacher-exchange/timetable/PlacementTimetablePage'), 'PlacementTimetablePage');
const TimetablePage = lazyPage(() => import('./pages/teacher-exchange/timetable/TimetablePage'), 'TimetablePage');
const ResourcesPage = lazyPage(() => import('./pages/curriculum/ResourcesPage'), 'ResourcesPage');
const ResourceDetailPage = lazyPage(() => import('./pages/curriculum/ResourceDetailPage'), 'ResourceDetailPage');
const FacilitiesPage = lazyPage(() => import('./pages/curriculum/FacilitiesPage'), 'FacilitiesPage');
const BookingsPage = lazyPage(() => import('./pages/curriculum/BookingsPage'), 'BookingsPage');
const ActivitiesPage = lazyPage(() => import('./pages/activities/ActivitiesPage'), 'ActivitiesPage');
const ActivityDetailPage = lazyPage(() => import('./pages/activities/ActivityDetailPage'), 'ActivityDetailPage');
const ActivityFormPage = lazyPage(() => import('./pages/activities/ActivityFormPage'), 'ActivityFormPage');
const ActionItemsPage = lazyPage(() => import('./pages/activities/ActionItemsPage'), 'ActionItemsPage');
const PlansPage = lazyPage(() => import('./pages/plans/PlansPage'), 'PlansPage');
const NotificationPreferencesPage = lazyPage(() => import('./pages/notifications/NotificationPreferencesPage'), 'NotificationPreferencesPage');
const RobotsPage = lazyPage(() => import('./pages/notifications/RobotsPage'), 'RobotsPage');
const PlanDetailPage = lazyPage(() => import('./pages/plans/PlanDetailPage'), 'PlanDetailPage');
const MilestonesPage = lazyPage(() => import('./pages/plans/MilestonesPage'), 'MilestonesPage');
const WebhooksPage = lazyPage(() => import('./pages/webhooks/WebhooksPage'), 'WebhooksPage');
const WebhookDetailPage = lazyPage(() => import('./pages/webhooks/WebhookDetailPage'), 'WebhookDetailPage');
const SurveysPage = lazyPage(() => import('./pages/surveys/SurveysPage'), 'SurveysPage');
const SurveyDetailPage = lazyPage(() => import('./pages/surveys/SurveyDetailPage'), 'SurveyDetailPage');
const SurveyTemplatesPage = lazyPage(() => import('./pages/surveys/SurveyTemplatesPage'), 'SurveyTemplatesPage');
const AnswerSurveyPage = lazyPage(() => import('./pages/surveys/AnswerSurveyPage'), 'AnswerSurveyPage');
const PublicSurveyPage = lazyPage(() => import('./pages/surveys/PublicSurveyPage'), 'PublicSurveyPage');
const EvaluationsPage = lazyPage(() => import('./pages/evaluation/EvaluationsPage'), 'EvaluationsPage');
const EvaluationDetailPage = lazyPage(() => import('./pages/evaluation/EvaluationDetailPage'), 'EvaluationDetailPage');
const FrameworksPage = lazyPage(() => import('./pages/evaluation/FrameworksPage'), 'FrameworksPage');
const FrameworkEditorPage = lazyPage(() => import('./pages/evaluation/FrameworkEditorPage'), 'FrameworkEditorPage');
const BriefingsPage = lazyPage(() => import('./pages/briefings/BriefingsPage'), 'BriefingsPage');
const BriefingDetailPage = lazyPage(() => import('./pages/briefings/BriefingDetailPage'), 'BriefingDetailPage');
const ArchivesPage = lazyPage(() => import('./pages/briefings/ArchivesPage'), 'ArchivesPage');
const ProfileRoundsPage = lazyPage(() => import('./pages/profiles/ProfileRoundsPage'), 'ProfileRoundsPage');
const ProfileRoundPage = lazyPage(() => import('./pages/profiles/ProfileRoundPage'), 'ProfileRoundPage');
const PairingSuggestionsPage = lazyPage(() => import('./pages/profiles/PairingSuggestionsPage'), 'PairingSuggestionsPage');
const BodyDetailPage = lazyPage(() => import('./pages/organisation/BodyDetailPage'), 'BodyDetailPage');
const MentorshipsPage = lazyPage(() => import('./pages/development/MentorshipsPage'), 'MentorshipsPage');
const MentorshipDetailPage = lazyPage(() => import('./pages/development/MentorshipDetailPage'), 'MentorshipDetailPage');
const ObservationsPage = lazyPage(() => import('./pages/development/ObservationsPage'), 'ObservationsPage');
const RubricEditorPage = lazyPage(() => import('./pages/development/RubricEditorPage'), 'RubricEditorPage');
const ChangePasswordPage = lazyPage(() => import('./pages/my-week/ChangePasswordPage'), 'ChangePasswordPage');
const MyWeekPage = lazyPage(() => import('./pages/my-week/MyWeekPage'), 'MyWeekPage');

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not get better by asking again; a dropped connection might.
        retry: (count, error) => count < 2 && !(isApiProblem(error) && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
        staleTime: 15_000,
      },
    },
  });
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, checking, signedOut, expiredUserId } = useAuth();
  const location = useLocation();
  if (checking) return <PageLoading />;
  if (!me) {
    // After a deliberate sign-out the next person starts at their own home page.
    const returnTo: ReturnTo | undefined = signedOut ? undefined : { from: location.pathname + location.search, forUser: expiredUserId };
    return <Navigate to="/login" replace state={returnTo} />;
  }
  // a handed-out password is replaced before anything else (the gateway refuses other routes until then)
  if (me.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <>{children}</>;
}

function Home() {
  const { me } = useAuth();
  return me ? <Navigate to={homePath(me)} replace /> : <Navigate to="/login" replace />;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* parents and students answer by link or QR code without an account */}
      <Route path="/s/:token" element={<PublicSurveyPage />} />
      <Route path="/change-password" element={<ChangePasswordPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Home />} />
        <Route path="overview" element={<OverviewPage />} />
        <Route path="dashboard" element={<DashboardPage />} />
        <Route path="schools" element={<SchoolsPage />} />
        <Route path="schools/new" element={<SchoolFormPage />} />
        <Route path="schools/:id" element={<SchoolDetailPage />} />
        <Route path="schools/:id/edit" element={<SchoolFormPage />} />
        <Route path="alliances" element={<AlliancesPage />} />
        <Route path="alliances/:id" element={<AllianceDetailPage />} />
        <Route path="join-requests" element={<JoinRequestsPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="users/:id" element={<UserDetailPage />} />
        <Route path="api-clients" element={<ApiClientsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="webhooks/:id" element={<WebhookDetailPage />} />
        <Route path="assessment/exams" element={<ExamsPage />} />
        <Route path="assessment/exams/:id" element={<ExamDetailPage />} />
        <Route path="teacher-exchange/teachers" element={<TeachersPage />} />
        <Route path="teacher-exchange/teachers/new" element={<TeacherFormPage />} />
        <Route path="teacher-exchange/teachers/import" element={<TeacherImportPage />} />
        <Route path="teacher-exchange/teachers/:id/edit" element={<TeacherFormPage />} />
        <Route path="teacher-exchange/placements" element={<PlacementsPage />} />
        <Route path="teacher-exchange/placements/new" element={<PlacementFormPage />} />
        <Route path="teacher-exchange/placements/:id/timetable" element={<PlacementTimetablePage />} />
        <Route path="teacher-exchange/timetable" element={<TimetablePage />} />
        <Route path="teacher-exchange/quotas" element={<QuotasPage />} />
        <Route path="curriculum/resources" element={<ResourcesPage />} />
        <Route path="curriculum/resources/:id" element={<ResourceDetailPage />} />
        <Route path="curriculum/facilities" element={<FacilitiesPage />} />
        <Route path="curriculum/bookings" element={<BookingsPage />} />
        <Route path="activities" element={<ActivitiesPage />} />
        <Route path="activities/new" element={<ActivityFormPage />} />
        <Route path="activities/action-items" element={<ActionItemsPage />} />
        <Route path="activities/:id" element={<ActivityDetailPage />} />
        <Route path="activities/:id/edit" element={<ActivityFormPage />} />
        <Route path="plans" element={<PlansPage />} />
        <Route path="notifications/preferences" element={<NotificationPreferencesPage />} />
        <Route path="notifications/robots" element={<RobotsPage />} />
        <Route path="plans/milestones" element={<MilestonesPage />} />
        <Route path="plans/:id" element={<PlanDetailPage />} />
        <Route path="surveys" element={<SurveysPage />} />
        <Route path="surveys/templates" element={<SurveyTemplatesPage />} />
        <Route path="surveys/:id" element={<SurveyDetailPage />} />
        <Route path="bodies/:id" element={<BodyDetailPage />} />
        <Route path="surveys/:id/answer" element={<AnswerSurveyPage />} />
        <Route path="evaluation/evaluations" element={<EvaluationsPage />} />
        <Route path="evaluation/evaluations/:id" element={<EvaluationDetailPage />} />
        <Route path="evaluation/frameworks" element={<FrameworksPage />} />
        <Route path="evaluation/frameworks/:id" element={<FrameworkEditorPage />} />
        <Route path="briefings" element={<BriefingsPage />} />
        <Route path="briefings/:id" element={<BriefingDetailPage />} />
        <Route path="archives" element={<ArchivesPage />} />
        <Route path="profiles" element={<ProfileRoundsPage />} />
        <Route path="profiles/rounds/:id" element={<ProfileRoundPage />} />
        <Route path="profiles/suggestions" element={<PairingSuggestionsPage />} />
        <Route path="teacher-exchange/mentorships" element={<MentorshipsPage />} />
        <Route path="teacher-exchange/mentorships/:id" element={<MentorshipDetailPage />} />
        <Route path="teacher-exchange/observations" element={<ObservationsPage />} />
        <Route path="teacher-exchange/observation-rubric" element={<RubricEditorPage />} />
        <Route path="me/week" element={<MyWeekPage />} />
        <Route path="no-role" element={<NoRolePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
    </Suspense>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
