import { useCallback, useState } from 'react';
import { useOverview } from '../api/queries.ts';
import { OverviewPage } from '../overview/OverviewPage.tsx';
import { ServicePage } from '../service/ServicePage.tsx';
import { ConnectionBanner } from '../ui/ConnectionBanner.tsx';
import { HelpOverlay } from '../ui/HelpOverlay.tsx';
import { InformerStates } from '../ui/InformerStates.tsx';
import { useShortcut } from '../ui/shortcuts.ts';
import { SignIn } from '../ui/SignIn.tsx';
import { hrefOf, navigate, useRoute } from './navigation.ts';
import { overviewRoute } from './route.ts';
import { ApiRequestError } from '../api/http.ts';

/** The dashboard: a header with the source and the stream's health, then the page of the URL. */
export function App() {
  const route = useRoute();
  const [help, setHelp] = useState(false);
  const overview = useOverview();
  const toggleHelp = useCallback(() => setHelp((open) => !open), []);
  useShortcut('?', toggleHelp);
  useGoShortcut();

  const unauthorized =
    overview.error instanceof ApiRequestError && overview.error.status === 401
      ? overview.error
      : undefined;
  // Behind an authenticating proxy without a token there is nothing to type in: say where to go.
  const tokenAccepted = unauthorized?.message.includes('token') ?? false;
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

/** `g` then `o`: the overview. */
function useGoShortcut() {
  const [armed, setArmed] = useState(false);
  const arm = useCallback(() => {
    setArmed(true);
    setTimeout(() => setArmed(false), 1200);
  }, []);
  const go = useCallback(() => navigate(overviewRoute()), []);
  useShortcut('g', arm);
  useShortcut('o', go, armed);
}
