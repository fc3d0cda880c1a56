import type { SimulationReport } from '@slicescope/core';
import { useMemo, useState, type ReactNode } from 'react';
import { chartsOf } from './chartSeries.ts';
import { formatBytes, formatSeconds } from './format.ts';
import { formatCount } from '../ui/count.ts';
import { MAX_LINK_CHARS, type SimulationSpec } from './simulationSpec.ts';
import { downloadReport, reportFileName } from './reportExport.ts';
import { SeriesChart } from './SeriesChart.tsx';
import { StepState } from './StepState.tsx';
import { StepTopology } from './StepTopology.tsx';
import { TotalsTable } from './TotalsTable.tsx';

/** What was simulated, in one line; a service shortcut's sizes come from the simulation asked. */
export function runTitle(report: SimulationReport, spec?: SimulationSpec): string {
  const { quick } = report;
  if (quick) {
    return `${formatCount(quick.pods)} Pods on ${formatCount(quick.nodes)} Nodes in ${quick.zones} zones: ${quick.operation}`;
  }
  if (spec?.input.kind === 'service') {
    try {
      const shortcut = JSON.parse(spec.input.text) as {
        pods: number;
        nodes: number;
        zones?: number;
        events?: unknown[];
      };
      const events = shortcut.events?.length ?? 0;
      return `service shortcut: ${formatCount(shortcut.pods)} Pods on ${formatCount(shortcut.nodes)} Nodes in ${shortcut.zones ?? 3} zones, ${events} event${events === 1 ? '' : 's'}`;
    } catch {
      // The api ran it, so it parses; a report shown without its simulation falls through.
    }
  }
  return `scenario “${report.scenario}”`;
}

/** The settings a report was made with, one phrase each (mode first). */
export function settingsOf(report: SimulationReport): string[] {
  const { options } = report;
  const parts = [
    `${report.mode} mode`,
    `slices of at most ${formatCount(options.maxEndpointsPerSlice)} endpoint${options.maxEndpointsPerSlice === 1 ? '' : 's'}`,
  ];
  if (report.mode === 'paper') {
    parts.push(
      `C = ${formatBytes(options.paperBytesPerEndpoint)} per endpoint, M = ${formatBytes(options.paperMinObjectBytes)}`,
    );
  } else {
    parts.push(`Endpoints ${options.endpointsCapacity}`);
  }
  if (options.extraWatchers > 0) parts.push(`${formatCount(options.extraWatchers)} extra watchers`);
  parts.push(`consumers read ${options.consumers}`, `seed ${options.seed}`);
  return parts;
}

function optionsLine(report: SimulationReport): string {
  return [
    ...settingsOf(report),
    `${formatSeconds(report.simulatedSeconds)} simulated in ${formatCount(report.steps)} steps`,
  ].join(' · ');
}

/** One run's report: totals side by side, assumptions, warnings, charts and any step's state. */
export function RunReport({
  label,
  report,
  startedAt,
  spec,
  actions,
  previous = false,
  textOutOfLink = false,
}: {
  /** "Run A" or "Run B". */
  label: string;
  report: SimulationReport;
  /** When the run started (epoch ms): its exports' names say it. */
  startedAt: number;
  /** The simulation asked for, to describe it. */
  spec?: SimulationSpec;
  actions?: ReactNode;
  /** The report of the run before this one, shown until the new run has its own. */
  previous?: boolean;
  /** The page's link leaves this run's scenario or shortcut text out: it is too long. */
  textOutOfLink?: boolean;
}) {
  const charts = useMemo(() => chartsOf(report), [report]);
  const [step, setStep] = useState(report.series.length - 1);
  const selected = Math.min(Math.max(step, 0), report.series.length - 1);
  const slug = label.replace(/^Run /, '');
  const exported = { label: slug, startedAt };
  return (
    <section
      className={previous ? 'sim-report sim-report-previous' : 'sim-report'}
      aria-labelledby={`sim-report-${slug}`}
      data-testid={previous ? `report-${slug}-previous` : `report-${slug}`}
      data-mode={report.mode}
    >
      <h2 id={`sim-report-${slug}`}>
        {label}
        {previous && ' (the previous run)'}: {runTitle(report, spec)}
      </h2>
      <p className="muted">{optionsLine(report)}</p>
      <div className="toolbar">
        <button
          type="button"
          aria-label={`Export JSON of ${label}`}
          onClick={() => downloadReport(report, exported, 'json')}
        >
          Export JSON
        </button>
        <button
          type="button"
          aria-label={`Export CSV of ${label}`}
          onClick={() => downloadReport(report, exported, 'csv')}
        >
          Export CSV
        </button>
        {actions}
      </div>
      {textOutOfLink && (
        <p className="sim-link-note" data-testid={`link-note-${slug}`}>
          This run’s {spec?.input.kind === 'service' ? 'service shortcut' : 'scenario'} is too long
          to share as a link (links stay under {formatCount(MAX_LINK_CHARS)} characters, so that
          servers take them): the page’s link leaves it out, and only this tab can show the run
          again. To share it, use Export JSON, or the{' '}
          {spec?.input.kind === 'service' ? 'shortcut’s JSON' : 'scenario file'}.
        </p>
      )}
      {report.warnings.length > 0 && (
        <ul className="sim-warnings" aria-label={`${label}: warnings`}>
          {report.warnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      )}
      <TotalsTable
        report={report}
        run={slug}
        caption={`${label}: totals, Endpoints vs EndpointSlices`}
      />
      <div className="sim-charts">
        {charts.map((chart) => (
          <SeriesChart
            key={chart.id}
            chart={chart}
            run={label}
            pngName={reportFileName(report, exported, 'png', chart.id)}
            selected={selected}
          />
        ))}
      </div>
      <StepState series={report.series} selected={selected} onSelect={setStep} run={label} />
      <StepTopology spec={spec} atSeconds={report.series[selected]?.t ?? 0} run={label} />
    </section>
  );
}
