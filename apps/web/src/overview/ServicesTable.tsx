import type { ServiceSummary } from '@slicescope/contract';
import { Fragment, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TableSort } from '../app/route.ts';
import { FLAG_TEXT } from './flags.ts';
import { fillOf, keyOf, type TableOrder } from './serviceTable.ts';
import { ServiceLink } from './ServiceLink.tsx';
import { COLUMNS, ServicesTableHead } from './ServicesTableHead.tsx';
import { useTableVirtualizer, withGaps } from './useTableVirtualizer.ts';

const percent = (value: number) => `${Math.round(value * 100)} %`;

function Spacer({ height }: { height: number }) {
  if (height <= 0) return null;
  return (
    <tr className="spacer" aria-hidden="true" style={{ height }}>
      <td colSpan={COLUMNS.length} />
    </tr>
  );
}

function ServiceRow({ service, index }: { service: ServiceSummary; index: number }) {
  return (
    <tr data-index={index} aria-rowindex={index + 2} data-testid="service-row">
      <th scope="row" className="service-name">
        <ServiceLink namespace={service.namespace} name={service.name} />
      </th>
      <td>{service.type}</td>
      <td className="num">
        {service.endpoints}{' '}
        <span className="muted">
          ({service.ready} / {service.terminating})
        </span>
      </td>
      <td className="num">
        {service.slices} <span className="muted">({service.idealSlices})</span>
      </td>
      <td className="num">{percent(fillOf(service))}</td>
      <td className="num">{service.zones}</td>
      <td className="num">{service.churn}</td>
      <td>
        {service.flags.map((flag) => (
          <span key={flag} className={`badge badge-${flag}`} title={FLAG_TEXT[flag].description}>
            {FLAG_TEXT[flag].label}
          </span>
        ))}
      </td>
    </tr>
  );
}

const rowIndexOf = (target: EventTarget): number | undefined => {
  const index = Number((target as HTMLElement).closest?.('tr')?.dataset.index ?? Number.NaN);
  return Number.isInteger(index) ? index : undefined;
};

/**
 * Every Service passing the filters, in a real table whose rows are virtualised: only the rows in
 * view (and a margin) are rendered, with spacer rows standing in for the others. Up and Down move
 * the focus between the rows' links; the browser scrolls the focused row into view.
 */
export function ServicesTable({
  rows,
  order,
  onSort,
}: {
  rows: readonly ServiceSummary[];
  order: TableOrder;
  onSort: (sort: TableSort) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<number>();
  const pendingFocus = useRef<number | undefined>(undefined);
  const virtualizer = useTableVirtualizer(rows.length, scroller, active);
  const rendered = withGaps(virtualizer.getVirtualItems(), virtualizer.getTotalSize());

  // A new order starts at its top, not at the offset the old order was scrolled to.
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [order.sort, order.order]);

  // The row moved to by keyboard is rendered now (the active row always is): focus its link.
  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === undefined) return;
    pendingFocus.current = undefined;
    scroller.current?.querySelector<HTMLElement>(`tr[data-index="${index}"] a`)?.focus();
  });
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const index = rowIndexOf(event.target);
    if (index === undefined) return;
    const next = event.key === 'ArrowDown' ? index + 1 : index - 1;
    if (next < 0 || next >= rows.length) return;
    event.preventDefault();
    pendingFocus.current = next;
    setActive(next);
  };

  return (
    <div className="services-scroll" ref={scroller}>
      <table className="data services-table" aria-label="Services" aria-rowcount={rows.length + 1}>
        <ServicesTableHead order={order} onSort={onSort} />
        <tbody onKeyDown={onKeyDown} onFocus={(event) => setActive(rowIndexOf(event.target))}>
          {rendered.items.map(({ item, gap }) => {
            const service = rows[item.index];
            return (
              service && (
                <Fragment key={keyOf(service)}>
                  <Spacer height={gap} />
                  <ServiceRow service={service} index={item.index} />
                </Fragment>
              )
            );
          })}
          <Spacer height={rendered.end} />
        </tbody>
      </table>
    </div>
  );
}
