import { slicesAt, type SliceView } from '@slicescope/contract';
import { useCallback, useMemo } from 'react';
import { isNotFound } from '../api/http.ts';
import { queryKeys, useServiceDetail, useServiceHistory } from '../api/queries.ts';
import { hrefOf, navigate } from '../app/navigation.ts';
import { SERVICE_TABS, overviewRoute, type ServiceRoute, type ServiceTab } from '../app/route.ts';
import { useFollow, useStreamState } from '../stream/StreamProvider.tsx';
import { formatCount } from '../ui/count.ts';
import { SimulateServiceLink } from '../simulate/SimulateServiceLink.tsx';
import { formatTimeOfDay } from '../ui/clock.ts';
import { useKeys } from '../ui/shortcuts.ts';
import { Failed, Loading, QueryState, type QuerySource } from '../ui/StateMessage.tsx';
import { useRefreshOnChange } from '../ui/useRefreshOnChange.ts';
import { HistoryView } from './history/HistoryView.tsx';
import { syncLabel } from './history/historyModel.ts';
import { RoutingView } from './routing/RoutingView.tsx';
import { SlicesView } from './slices/SlicesView.tsx';
import { TopologyView } from './topology/TopologyView.tsx';
import { plural } from '@slicescope/core';
import { countsOfSlices, countsOfSummary } from './serviceCounts.ts';
import { ServiceTabs } from './ServiceTabs.tsx';
import { useServiceDeletion } from './useServiceDeletion.ts';
import { useServiceSlices } from './useServiceSlices.ts';

/**
 * One Service: its endpoints by zone and node, its slices, where kube-proxy routes, and how the
 * slices changed. With `at` in the URL the views draw the Service as it was after that sync.
 */
export function ServicePage({ route }: { route: ServiceRoute }) {
  const { namespace, name } = route;
  const key = `${namespace}/${name}`;
  useFollow(useMemo(() => [key], [key]));
  const detail = useServiceDetail(namespace, name);
  const summary = useStreamState(useCallback((state) => state.services[key], [key]));
  const present = useServiceSlices(namespace, name);
  const history = useServiceHistory(namespace, name);
  const deletion = useServiceDeletion(key, summary, detail.error);
  // Everything asked of the Service (its key prefixes its slices', analysis', history's and
  // proxy's) again once it is gone (the api confirms) or back (perhaps another one).
  useRefreshOnChange(deletion === undefined, [queryKeys.service(namespace, name)]);
  const update = useCallback(
    (change: Partial<ServiceRoute>, replace = false) =>
      navigate({ ...route, ...change }, { replace }),
    [route],
  );
  const selectTab = useCallback((tab: ServiceTab) => update({ tab }), [update]);
  useKeys(
    useMemo(
      () =>
        Object.fromEntries(
          SERVICE_TABS.map((tab, index) => [String(index + 1), () => selectTab(tab)]),
        ),
      [selectTab],
    ),
  );

  const past = useMemo(() => {
    if (route.at === undefined || history.data === undefined) return undefined;
    return slicesAt(history.data, route.at, namespace, name);
  }, [route.at, history.data, namespace, name]);
  // The slices the views draw, with the failure of the request they came from: now (the stream, or
  // REST while it has not brought them), or after the chosen sync (from the history).
  const source: QuerySource<SliceView[]> =
    route.at === undefined
      ? present
      : { data: past?.slices, error: history.error, refetch: history.refetch };
  // Known once the history is here (the past is drawn from it).
  const shown =
    route.at === undefined || history.data === undefined
      ? undefined
      : syncLabel(history.data.entries, route.at);

  // The api has no such Service while the stream still lists it (else it is a deletion, below):
  // deleted just now, most likely, with the stream not yet saying so.
  if (isNotFound(detail.error) && !deletion) {
    return (
      <section className="service" aria-labelledby="service-title">
        <Heading namespace={namespace} name={name} />
        <p className="banner banner-warn" role="alert" data-testid="service-not-found">
          Service {key} was not found (deleted?): the server no longer has it, though the live list
          still shows it. <Back>Back to the Services list</Back>{' '}
          <button type="button" onClick={() => void detail.refetch()}>
            Try again
          </button>
        </p>
      </section>
    );
  }
  if (detail.error && !detail.data) {
    return (
      <section>
        <Back />
        <Failed what={`Service ${key}`} error={detail.error} retry={() => void detail.refetch()} />
      </section>
    );
  }
  if (deletion) {
    return (
      <section className="service" aria-labelledby="service-title">
        <Heading namespace={namespace} name={name} />
        <p className="banner banner-warn" role="alert" data-testid="service-deleted">
          Service {key} was deleted
          {deletion.at === undefined ? '' : ` at ${formatTimeOfDay(deletion.at)}`}: it is no longer
          in the cluster, so none of its endpoints, slices or analyses are shown. This page shows it
          again if a Service of this name is created.
        </p>
      </section>
    );
  }
  if (!detail.data) return <Loading what={`Service ${key}`} />;
  // Asking for the Service again failed (a 404 is said above): what is shown stays, with the
  // failure above it, as every view keeps its data (QueryState).
  const detailFailed = detail.error ? (
    <Failed what={`Service ${key}`} error={detail.error} retry={() => void detail.refetch()} />
  ) : undefined;
  const current = summary ?? detail.data.summary;
  const counts =
    route.at === undefined ? countsOfSummary(current) : source.data && countsOfSlices(source.data);

  return (
    <section className="service" aria-labelledby="service-title">
      <Heading namespace={namespace} name={name} />
      {detailFailed}
      <SimulateServiceLink namespace={namespace} name={name} />
      {counts && (
        <p className="muted" data-testid="service-counts">
          {current.type} · {plural(counts.endpoints, 'endpoint')} ({formatCount(counts.ready)}{' '}
          ready, {formatCount(counts.terminating)} terminating) · {plural(counts.slices, 'slice')} ·{' '}
          {plural(counts.zones, 'zone')}
          {shown ? ` · ${shown.text}` : ''}
          {current.topologyMode ? ` · topology-mode ${current.topologyMode}` : ''}
          {current.trafficDistribution
            ? ` · trafficDistribution ${current.trafficDistribution}`
            : ''}
        </p>
      )}
      {route.at !== undefined && (
        <p className="banner banner-info" role="status">
          Showing the Service as it was {shown?.text ?? `after sync #${route.at}`}
          {shown?.kept === false ? ` (sync #${route.at} is not among the kept ones)` : ''}
          {past?.complete === false
            ? ' (approximate: some changes of that time were not recorded)'
            : ''}
          .{' '}
          <button type="button" onClick={() => update({ at: undefined })}>
            Back to now
          </button>
        </p>
      )}
      <ServiceTabs tab={route.tab} onSelect={selectTab} />
      <div role="tabpanel" id={`panel-${route.tab}`} aria-labelledby={`tab-${route.tab}`}>
        {route.tab === 'history' ? (
          <HistoryView
            service={current}
            history={history}
            at={route.at}
            onSelect={(at) => update({ at })}
          />
        ) : (
          <QueryState
            query={source}
            what={route.at === undefined ? 'the Service’s slices' : 'the slice history'}
          >
            {(slices) => (
              <>
                {route.tab === 'topology' && (
                  <TopologyView
                    service={current}
                    slices={slices}
                    selectedSlice={route.slice}
                    onSelectSlice={(slice) => update({ slice }, true)}
                    selectedNode={route.node}
                    onSelectNode={(node) => update({ node }, true)}
                  />
                )}
                {route.tab === 'slices' && (
                  <SlicesView
                    service={current}
                    detail={detail.data}
                    slices={slices}
                    past={route.at !== undefined}
                    selectedSlice={route.slice}
                    onSelectSlice={(slice) => update({ slice }, true)}
                  />
                )}
                {route.tab === 'routing' && (
                  <RoutingView
                    service={current}
                    slices={slices}
                    selectedNode={route.node}
                    onSelectNode={(node) => update({ node }, true)}
                  />
                )}
              </>
            )}
          </QueryState>
        )}
      </div>
    </section>
  );
}

/** A link to the cluster overview, which lists the Services. */
function Back({ children = '← Cluster overview' }: { children?: string }) {
  return (
    <a
      href={hrefOf(overviewRoute())}
      onClick={(event) => {
        event.preventDefault();
        navigate(overviewRoute());
      }}
    >
      {children}
    </a>
  );
}

/** The way back and the Service's name, atop its page (also once it is deleted). */
function Heading({ namespace, name }: { namespace: string; name: string }) {
  return (
    <>
      <Back />
      <h1 id="service-title">
        {namespace}/{name}
      </h1>
    </>
  );
}
