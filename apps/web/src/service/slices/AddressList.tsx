import { useState } from 'react';

/**
 * A list of addresses with its total: the first few shown, the rest behind a button. `total` may
 * exceed the list when the api capped it (it lists at most 50).
 */
export function AddressList({
  label,
  addresses,
  total = addresses.length,
  first = 10,
}: {
  label: string;
  addresses: readonly string[];
  total?: number;
  first?: number;
}) {
  const [open, setOpen] = useState(false);
  if (total === 0) return null;
  const shown = open ? addresses : addresses.slice(0, first);
  const unlisted = total - addresses.length;
  return (
    <div className="address-list">
      <span>
        {label}: {total}
      </span>
      <ul aria-label={label}>
        {shown.map((address, index) => (
          <li key={index}>
            <code>{address}</code>
          </li>
        ))}
      </ul>
      {addresses.length > first && (
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show fewer' : `Show all ${addresses.length}`}
        </button>
      )}
      {unlisted > 0 && (open || addresses.length <= first) && (
        <span className="muted"> and {unlisted} more not listed by the api</span>
      )}
    </div>
  );
}
