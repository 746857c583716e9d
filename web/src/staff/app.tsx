/**
 * The console: sign-in first, then the role's screens under one layout and router. Every
 * screen is loaded on demand (the reports page's chart library with it), so the first load
 * stays small (web.md's 150 KB budget). A new screen: one entry in lib/paths.ts NAV, one
 * lazy route here.
 */
import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { currentLanguage, onLanguageChanged } from '../shared/i18n/i18n';
import { Layout } from './components/layout';
import { cognitoCallback, cognitoSignOut } from './features/sign-in/cognito';
import { SignIn } from './features/sign-in/sign-in';
import { t } from './i18n/t';
import type { ConsoleConfig } from './lib/config';
import { PATHS } from './lib/paths';
import type { SessionState } from './lib/session';
import { onSession, sessionState, signedOut } from './lib/session';

const Dashboard = lazy(() => import('./features/dashboard/dashboard').then((m) => m.Dashboard));
const ComplaintQueue = lazy(() => import('./features/queues/complaint-queue').then((m) => m.ComplaintQueue));
const Inbox = lazy(() => import('./features/inbox/inbox').then((m) => m.Inbox));
const AudienceQueue = lazy(() => import('./features/queues/audience-queue').then((m) => m.AudienceQueue));
const ComplaintDetail = lazy(() => import('./features/item-detail/complaint-detail').then((m) => m.ComplaintDetail));
const AudienceDetail = lazy(() => import('./features/item-detail/audience-detail').then((m) => m.AudienceDetail));
const IntakePage = lazy(() => import('./features/front-desk/intake').then((m) => m.IntakePage));
const FrontDesk = lazy(() => import('./features/front-desk/front-desk').then((m) => m.FrontDesk));
const Scheduling = lazy(() => import('./features/scheduling/scheduling').then((m) => m.Scheduling));
const Reports = lazy(() => import('./features/reports/reports').then((m) => m.Reports));
const SkmReport = lazy(() => import('./features/skm/skm-report').then((m) => m.SkmReport));
const Admin = lazy(() => import('./features/admin/admin').then((m) => m.Admin));

function NotFound() {
  return <h1>{t('app.notFound')}</h1>;
}

function Callback({ config }: { config: ConsoleConfig }) {
  const { route } = useLocation();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (config.auth !== 'cognito') return;
    cognitoCallback(config)
      .then((to) => route(to, true))
      .catch(() => setFailed(true));
  }, []);
  return <main id="main">{failed ? <p role="alert">{t('signIn.callbackFailed')}</p> : <p>{t('app.loading')}</p>}</main>;
}

export function App({ config }: { config: ConsoleConfig }) {
  const [lang, setLang] = useState(currentLanguage());
  const [auth, setAuth] = useState<SessionState>(sessionState());
  useEffect(() => onLanguageChanged(setLang), []);
  useEffect(() => onSession(setAuth), []);
  const signOut = () => {
    if (config.auth === 'cognito') void cognitoSignOut(config);
    else signedOut();
  };
  return (
    // Only the console's own links are routed here; a link out of /staff (the public letter
    // verification page) loads that page.
    <LocationProvider scope="/staff">
      <ErrorBoundary>
        {auth.session ? (
          <Layout key={lang} session={auth.session} onSignOut={signOut}>
            <Router>
              <Route path={PATHS.dashboard} component={Dashboard} />
              <Route path={PATHS.complaints} component={ComplaintQueue} />
              <Route path={PATHS.complaintIntake} component={IntakePage} />
              <Route path={PATHS.inbox} component={Inbox} />
              <Route path={`${PATHS.complaints}/:code`} component={ComplaintDetail} />
              <Route path={PATHS.audiences} component={AudienceQueue} />
              <Route path={`${PATHS.audiences}/:code`} component={AudienceDetail} />
              <Route path={PATHS.frontDesk} component={FrontDesk} />
              <Route path={PATHS.scheduling} component={Scheduling} />
              <Route path={PATHS.reports} component={Reports} />
              <Route path={PATHS.skm} component={SkmReport} />
              <Route path={PATHS.admin} component={Admin} />
              <Route path={PATHS.callback} component={() => <Callback config={config} />} />
              <Route default component={NotFound} />
            </Router>
            {auth.expired && <SignIn config={config} expired />}
          </Layout>
        ) : (
          <Router>
            <Route path={PATHS.callback} component={() => <Callback config={config} />} />
            <Route default component={() => <SignIn key={lang} config={config} />} />
          </Router>
        )}
      </ErrorBoundary>
    </LocationProvider>
  );
}
