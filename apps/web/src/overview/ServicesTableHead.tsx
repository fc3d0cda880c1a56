import type { TableSort } from '../app/route.ts';
import type { TableOrder } from './serviceTable.ts';

const FILL_TITLE =
  'Fill: the fewest slices the endpoints need (ideal) divided by the slices there are. ' +
  '100 % is packed as tightly as possible; lower means fragmented. 100 % without slices.';

interface Column {
  label: string;
  sort?: TableSort;
  numeric?: boolean;
  title?: string;
}

export const COLUMNS: readonly Column[] = [
  { label: 'Service', sort: 'name' },
  { label: 'Type' },
  { label: 'Endpoints (ready / terminating)', sort: 'endpoints', numeric: true },
  { label: 'Slices (ideal)', sort: 'slices', numeric: true },
  { label: 'Fill', sort: 'fill', numeric: true, title: FILL_TITLE },
  { label: 'Zones', numeric: true },
  {
    label: 'Churn',
    sort: 'churn',
    numeric: true,
    title: 'Slice writes (creates, updates, deletes) since slicescope started watching.',
  },
  { label: 'Problems' },
];

/** The sticky header row: sortable columns are buttons, the sorted one says so in aria-sort. */
export function ServicesTableHead({
  order,
  onSort,
}: {
  order: TableOrder;
  onSort: (sort: TableSort) => void;
}) {
  return (
    <thead>
      <tr aria-rowindex={1}>
        {COLUMNS.map((column) => {
          const sort = column.sort;
          const active = sort !== undefined && sort === order.sort;
          return (
            <th
              key={column.label}
              scope="col"
              className={column.numeric ? 'num' : undefined}
              aria-sort={active ? (order.order === 'asc' ? 'ascending' : 'descending') : undefined}
              title={column.title}
            >
              {sort === undefined ? (
                column.label
              ) : (
                <button type="button" className="sort-button" onClick={() => onSort(sort)}>
                  {column.label}
                  <span aria-hidden="true" className="sort-mark">
                    {active ? (order.order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
