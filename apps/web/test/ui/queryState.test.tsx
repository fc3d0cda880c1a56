import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../../src/api/http.ts';
import { QueryState } from '../../src/ui/StateMessage.tsx';

type Query = Parameters<typeof QueryState<string[]>>[0]['query'];

function show(query: Query) {
  return render(
    <QueryState query={query} what="the node's Services">
      {(names) => <p>Services: {names.join(', ')}</p>}
    </QueryState>,
  );
}

const unreachable = new ApiRequestError(0, 'unreachable', 'The server cannot be reached.');

describe('QueryState', () => {
  it('says what loads until there is data', () => {
    show({ data: undefined, error: null, refetch: vi.fn() });
    expect(screen.getByRole('status').textContent).toBe("Loading the node's Services…");
  });

  it('shows the data', () => {
    show({ data: ['web', 'db'], error: null, refetch: vi.fn() });
    expect(screen.getByText('Services: web, db')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why the first load failed and retries on request', async () => {
    const refetch = vi.fn();
    show({ data: undefined, error: unreachable, refetch });
    expect(screen.getByRole('alert').textContent).toContain(
      "Could not load the node's Services: The server cannot be reached.",
    );
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('keeps the data on screen when a refetch fails, with the failure above it', () => {
    const { container } = show({ data: ['web'], error: unreachable, refetch: vi.fn() });
    const alert = screen.getByRole('alert');
    const data = screen.getByText('Services: web');
    expect(alert.textContent).toContain('The server cannot be reached.');
    expect(container.firstElementChild).toBe(alert);
    expect(alert.compareDocumentPosition(data) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
