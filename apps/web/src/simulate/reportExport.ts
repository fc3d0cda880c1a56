import { reportToCsv, type SimulationReport } from '@slicescope/core';
import { download, fileName } from '../export/download.ts';

/**
 * The file name of a run's export: `simulation-A-quick-rollout-paper.json`, and of one of its
 * charts (`part`): `simulation-A-quick-rollout-paper-writes.png`.
 */
export function reportFileName(
  report: SimulationReport,
  run: string,
  extension: string,
  part?: string,
): string {
  return fileName(
    ['simulation', run, report.scenario, report.mode, ...(part ? [part] : [])],
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
  run: string,
  format: 'json' | 'csv',
): void {
  const blob = format === 'json' ? reportJson(report) : reportCsv(report);
  download(blob, reportFileName(report, run, format));
}
