import { reportToCsv, type SimulationReport } from '@slicescope/core';
import { download, fileName } from '../export/download.ts';

/** Which run an export is of: its letter on the page, and when it started (epoch ms). */
export interface ExportedRun {
  label: string;
  startedAt: number;
}

/** When a run started, in a file name: 2026-11-05 10:11:12 UTC is `20261105T101112Z`. */
export const runStamp = (startedAt: number): string =>
  new Date(startedAt).toISOString().replace(/[-:]|\.\d+/g, '');

/** The most of a scenario's name a file name takes. */
const SCENARIO_CHARS = 48;

/**
 * The file name of a run's export: `simulation-A-quick-rollout-paper-20261105T101112Z.json`,
 * and of one of its charts (`part`): `simulation-A-quick-rollout-paper-20261105T101112Z-writes.png`.
 * The start time tells apart the exports of runs of the same scenario and mode.
 */
export function reportFileName(
  report: SimulationReport,
  run: ExportedRun,
  extension: string,
  part?: string,
): string {
  return fileName(
    [
      'simulation',
      run.label,
      // Cut (a scenario's name has up to 100 characters) so that the stamp and part fit.
      report.scenario.slice(0, SCENARIO_CHARS),
      report.mode,
      runStamp(run.startedAt),
      ...(part ? [part] : []),
    ],
    extension,
  );
}

/** The report as the api answered it, pretty-printed. */
export function reportJson(report: SimulationReport): Blob {
  return new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
}

/** The time series as `slicescope simulate --csv` writes it (docs/simulate.md). */
export function reportCsv(report: SimulationReport): Blob {
  return new Blob([reportToCsv(report)], { type: 'text/csv;charset=utf-8' });
}

export function downloadReport(
  report: SimulationReport,
  run: ExportedRun,
  format: 'json' | 'csv',
): void {
  const blob = format === 'json' ? reportJson(report) : reportCsv(report);
  download(blob, reportFileName(report, run, format));
}
