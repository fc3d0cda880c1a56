import type { Overview } from '@slicescope/contract';
import type { Counts } from './counts.ts';
import { ServiceLink } from './ServiceLink.tsx';

const COUNTS: readonly { key: keyof Counts; label: string }[] = [
  { key: 'services', label: 'Services' },
  { key: 'slices', label: 'EndpointSlices' },
  { key: 'endpoints', label: 'Endpoints' },
  { key: 'pods', label: 'Pods' },
  { key: 'nodes', label: 'Nodes' },
];

interface TopList {
  key: keyof Overview['top'];
  title: string;
  unit: [one: string, many: string];
  none: string;
}

const TOP: readonly TopList[] = [
  {
    key: 'byEndpoints',
    title: 'Most endpoints',
    unit: ['endpoint', 'endpoints'],
    none: 'No endpoints yet.',
  },
  { key: 'bySlices', title: 'Most slices', unit: ['slice', 'slices'], none: 'No slices yet.' },
  {
    key: 'byChurn',
    title: 'Most slice writes',
    unit: ['write', 'writes'],
    none: 'No slice writes since slicescope started.',
  },
];

const TOP_SHOWN = 5;

/** The cluster in numbers, and the Services that stand out. */
export function Headline({ counts, top }: { counts: Counts; top: Overview['top'] | undefined }) {
  return (
    <>
      <dl className="overview-counts">
        {COUNTS.map(({ key, label }) =>
          counts[key] === undefined ? null : (
            <div key={key} className="overview-count">
              <dt>{label}</dt>
              <dd data-testid={`count-${key}`}>{counts[key]}</dd>
            </div>
          ),
        )}
      </dl>
      {top && (
        <div className="overview-top">
          {TOP.map(({ key, title, unit, none }) => (
            <section key={key} aria-labelledby={`top-${key}`}>
              <h2 id={`top-${key}`}>{title}</h2>
              {top[key].length === 0 ? (
                <p className="muted">{none}</p>
              ) : (
                <ol>
                  {top[key].slice(0, TOP_SHOWN).map((entry) => (
                    <li key={`${entry.namespace}/${entry.name}`}>
                      <ServiceLink namespace={entry.namespace} name={entry.name} />{' '}
                      <span className="muted">
                        {entry.value} {entry.value === 1 ? unit[0] : unit[1]}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}
        </div>
      )}
    </>
  );
}
