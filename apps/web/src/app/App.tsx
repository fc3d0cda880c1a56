import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useOverview } from '../api/queries.ts';
import { OverviewPage } from '../overview/OverviewPage.tsx';
import { ServicePage } from '../service/ServicePage.tsx';
import { ConnectionBanner } from '../ui/ConnectionBanner.tsx';
import { HelpOverlay } from '../ui/HelpOverlay.tsx';
import { InformerStates } from '../ui/InformerStates.tsx';
import { useKeys, useShortcut } from '../ui/shortcuts.ts';
import { SignIn } from '../ui/SignIn.tsx';
import { hrefOf, navigate, useRoute } from './navigation.ts';
import { overviewRoute, simulateRoute, titleOf, type Route } from './route.ts';
import { ApiRequestError } from '../api/http.ts';
import { Loading } from '../ui/StateMessage.tsx';

/** The simulator loads when first opened: the dashboard's first load does not carry it. */
const SimulatePage = lazy(() =>
  import('../simulate/SimulatePage.tsx').then((module) => ({ default: module.SimulatePage })),
);

/** A header link to a page, marked as the current one when it is. */
function PageLink({ to, current, children }: { to: Route; current: boolean; children: string }) {
  return (
    <a
      href={hrefOf(to)}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}

/** The dashboard: a header with the source and the stream's health, then the page of the URL. */
export function App() {
  const route = useRoute();
  const [help, setHelp] = useState(false);
  const overview = useOverview();
  const toggleHelp = useCallback(() => setHelp((open) => !open), []);
  useShortcut('?', toggleHelp);
  useGoShortcut();
  useEffect(() => {
    document.title = titleOf(route);
  }, [route]);

  const unauthorized =
    overview.error instanceof ApiRequestError && overview.error.status === 401
      ? overview.error
      : undefined;
  // Behind an authenticating proxy without a token there is nothing to type in: say where to go.
  // The api names the request field that would let the request in (auth.ts TOKEN_FIELD).
  const tokenAccepted = unauthorized?.field === 'headers.authorization';
  const source = overview.data?.source;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <a
          className="brand"
          href={hrefOf(overviewRoute())}
          onClick={(event) => {
            event.preventDefault();
            navigate(overviewRoute());
          }}
        >
          slicescope
        </a>
        <nav className="page-links" aria-label="Pages">
          <PageLink to={overviewRoute()} current={route.page === 'overview'}>
            Overview
          </PageLink>
          <PageLink to={simulateRoute()} current={route.page === 'simulate'}>
            Simulate
          </PageLink>
        </nav>
        {source && (
          <span className="source" title={`EndpointSlice API ${source.sliceApiVersion}`}>
            {source.kind === 'demo' ? 'demo cluster' : source.kind}: {source.name}
            {source.frozen ? ' (frozen)' : ''}
          </span>
        )}
        <InformerStates />
        <button
          type="button"
          className="help-button"
          onClick={toggleHelp}
          aria-label="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </header>
      <ConnectionBanner />
      <main id="main" tabIndex={-1}>
        {unauthorized && tokenAccepted ? (
          <SignIn onSignedIn={() => void overview.refetch()} />
        ) : unauthorized ? (
          <section className="state state-error" role="alert">
            <h1>Not signed in</h1>
            <p>
              This slicescope answers only requests signed in by its proxy: {unauthorized.message}.
            </p>
          </section>
        ) : route.page === 'overview' ? (
          <OverviewPage route={route} />
        ) : route.page === 'service' ? (
          <ServicePage route={route} />
        ) : route.page === 'simulate' ? (
          <Suspense fallback={<Loading what="the simulator" />}>
            <SimulatePage route={route} />
          </Suspense>
        ) : (
          <section className="not-found">
            <h1>Nothing here</h1>
            <p>
              slicescope has no page at <code>{route.path}</code>.{' '}
              <a href={hrefOf(overviewRoute())}>Go to the cluster overview</a>.
            </p>
          </section>
        )}
      </main>
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}

const GO_KEYS = {
  o: () => navigate(overviewRoute()),
  s: () => navigate(simulateRoute()),
};

/** `g` then `o`: the overview; `g` then `s`: the simulator. */
function useGoShortcut() {
  const [armed, setArmed] = useState(false);
  const arm = useCallback(() => {
    setArmed(true);
    setTimeout(() => setArmed(false), 1200);
  }, []);
  useShortcut('g', arm);
  useKeys(GO_KEYS, armed);
}
