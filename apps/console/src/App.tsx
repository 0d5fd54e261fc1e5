import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { isApiProblem } from '@jiaolian/api-client';
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from './auth/AuthProvider';
import { homePath, type ReturnTo } from './auth/roles';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { SchoolsPage } from './pages/schools/SchoolsPage';
import { SchoolDetailPage } from './pages/schools/SchoolDetailPage';
import { SchoolFormPage } from './pages/schools/SchoolFormPage';
import { AlliancesPage } from './pages/alliances/AlliancesPage';
import { AllianceDetailPage } from './pages/alliances/AllianceDetailPage';
import { JoinRequestsPage } from './pages/join-requests/JoinRequestsPage';
import { UsersPage } from './pages/users/UsersPage';
import { UserDetailPage } from './pages/users/UserDetailPage';
import { ApiClientsPage } from './pages/api-clients/ApiClientsPage';
import { AuditPage } from './pages/audit/AuditPage';
import { ExamsPage } from './pages/assessment/ExamsPage';
import { ExamDetailPage } from './pages/assessment/ExamDetailPage';
import { TeachersPage } from './pages/teacher-exchange/TeachersPage';
import { TeacherFormPage } from './pages/teacher-exchange/TeacherFormPage';
import { TeacherImportPage } from './pages/teacher-exchange/TeacherImportPage';
import { PlacementsPage } from './pages/teacher-exchange/PlacementsPage';
import { PlacementFormPage } from './pages/teacher-exchange/PlacementFormPage';
import { QuotasPage } from './pages/teacher-exchange/QuotasPage';
import { PlacementTimetablePage } from './pages/teacher-exchange/timetable/PlacementTimetablePage';
import { TimetablePage } from './pages/teacher-exchange/timetable/TimetablePage';
import { ResourcesPage } from './pages/curriculum/ResourcesPage';
import { ResourceDetailPage } from './pages/curriculum/ResourceDetailPage';
import { FacilitiesPage } from './pages/curriculum/FacilitiesPage';
import { BookingsPage } from './pages/curriculum/BookingsPage';
import { ActivitiesPage } from './pages/activities/ActivitiesPage';
import { ActivityDetailPage } from './pages/activities/ActivityDetailPage';
import { ActivityFormPage } from './pages/activities/ActivityFormPage';
import { ActionItemsPage } from './pages/activities/ActionItemsPage';
import { PlansPage } from './pages/plans/PlansPage';
import { NotificationPreferencesPage } from './pages/notifications/NotificationPreferencesPage';
import { RobotsPage } from './pages/notifications/RobotsPage';
import { PlanDetailPage } from './pages/plans/PlanDetailPage';
import { MilestonesPage } from './pages/plans/MilestonesPage';
import { WebhooksPage } from './pages/webhooks/WebhooksPage';
import { WebhookDetailPage } from './pages/webhooks/WebhookDetailPage';
import { SurveysPage } from './pages/surveys/SurveysPage';
import { SurveyDetailPage } from './pages/surveys/SurveyDetailPage';
import { SurveyTemplatesPage } from './pages/surveys/SurveyTemplatesPage';
import { AnswerSurveyPage } from './pages/surveys/AnswerSurveyPage';
import { PublicSurveyPage } from './pages/surveys/PublicSurveyPage';
import { EvaluationsPage } from './pages/evaluation/EvaluationsPage';
import { EvaluationDetailPage } from './pages/evaluation/EvaluationDetailPage';
import { FrameworksPage } from './pages/evaluation/FrameworksPage';
import { FrameworkEditorPage } from './pages/evaluation/FrameworkEditorPage';
import { BriefingsPage } from './pages/briefings/BriefingsPage';
import { BriefingDetailPage } from './pages/briefings/BriefingDetailPage';
import { ArchivesPage } from './pages/briefings/ArchivesPage';
import { NoRolePage, NotFoundPage } from './components/states';
import { BodyDetailPage } from './pages/organisation/BodyDetailPage';

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
  if (checking) return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  if (!me) {
    // After a deliberate sign-out the next person starts at their own home page.
    const returnTo: ReturnTo | undefined = signedOut ? undefined : { from: location.pathname + location.search, forUser: expiredUserId };
    return <Navigate to="/login" replace state={returnTo} />;
  }
  return <>{children}</>;
}

function Home() {
  const { me } = useAuth();
  return me ? <Navigate to={homePath(me)} replace /> : <Navigate to="/login" replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* parents and students answer by link or QR code without an account */}
      <Route path="/s/:token" element={<PublicSurveyPage />} />
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
        <Route path="no-role" element={<NoRolePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** antd follows the UI language (dates, pagination, empty texts). */
function LocalizedAntd({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1f6f5c', borderRadius: 8, fontSize: 14 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedAntd>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </LocalizedAntd>
    </QueryClientProvider>
  );
}
