/**
 * The portal: composes the features under one layout and router. Pages other than home are
 * loaded on demand, so the first load stays small (web.md's 50 KB budget).
 */
import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { currentLanguage, onLanguageChanged } from '../shared/i18n/i18n';
import { Layout } from './components/layout';
import { NotFound } from './components/not-found';
import { HomePage } from './features/home/home-page';
import { PATHS } from './paths';

const AudienceForm = lazy(() => import('./features/audience-form/audience-form').then((m) => m.AudienceForm));
const ComplaintForm = lazy(() => import('./features/complaint-form/complaint-form').then((m) => m.ComplaintForm));
const ReceiptPage = lazy(() => import('./features/receipt/receipt-page').then((m) => m.ReceiptPage));
const KioskPage = lazy(() => import('./features/survey/kiosk-page').then((m) => m.KioskPage));
const TrackedSurvey = lazy(() => import('./features/survey/tracked-survey').then((m) => m.TrackedSurvey));
const VerifyPage = lazy(() => import('./features/verify/verify-page').then((m) => m.VerifyPage));
const TrackingPage = lazy(() => import('./features/tracking/tracking-page').then((m) => m.TrackingPage));

/** The tracking page with the satisfaction survey (its own feature) offered once the service ended. */
const TrackingWithSurvey = () => <TrackingPage survey={TrackedSurvey} />;

export function App() {
  // A language switch re-renders every page (forms keep their drafts in sessionStorage).
  const [lang, setLang] = useState(currentLanguage());
  useEffect(() => onLanguageChanged(setLang), []);
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Layout key={lang}>
          <Router>
            <Route path={PATHS.home} component={HomePage} />
            <Route path={`${PATHS.audience}/:step?`} component={AudienceForm} />
            <Route path={`${PATHS.complaint}/:step?`} component={ComplaintForm} />
            <Route path={`${PATHS.receipt}/:code`} component={ReceiptPage} />
            <Route path={PATHS.track} component={TrackingWithSurvey} />
            <Route path={PATHS.survey} component={KioskPage} />
            <Route path={PATHS.verify} component={VerifyPage} />
            <Route default component={NotFound} />
          </Router>
        </Layout>
      </ErrorBoundary>
    </LocationProvider>
  );
}
