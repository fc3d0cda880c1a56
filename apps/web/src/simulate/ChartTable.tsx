import type { ChartData } from './chartSeries.ts';
import { formatBytes, formatInstant } from './format.ts';
import { formatCount } from '../ui/count.ts';
import { ScrollRegion } from './ScrollRegion.tsx';

/** A chart's data as a table: the alternative to the picture. */
export function ChartTable({ chart, run }: { chart: ChartData; run: string }) {
  const format = chart.unit === 'bytes' ? formatBytes : formatCount;
  return (
    <ScrollRegion label={`${run}: ${chart.title}, data`} className="sim-scroll sim-table-scroll">
      <table className="data">
        <caption>
          {run}: {chart.title}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Time (s)
            </th>
            {chart.lines.map((line) => (
              <th key={line.id} scope="col" className="num">
                {line.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.times.map((time, index) => (
            <tr key={index}>
              <th scope="row" className="num">
                {formatInstant(time)}
              </th>
              {chart.lines.map((line) => (
                <td key={line.id} className="num">
                  {format(line.values[index] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
