import { hrefOf, navigate } from '../app/navigation.ts';
import type { SimulateRoute } from '../app/route.ts';

/**
 * "Simulate this Service": opens the Simulate page with the form prefilled from the live
 * Service's shape (its endpoints, the cluster's Nodes and zones). Small on purpose: it is part
 * of the Service page, while the simulator itself loads only when opened.
 */
export function SimulateServiceLink({ namespace, name }: { namespace: string; name: string }) {
  const route: SimulateRoute = { page: 'simulate', from: `${namespace}/${name}` };
  return (
    <a
      className="simulate-service-link"
      href={hrefOf(route)}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(route);
      }}
    >
      Import into the simulator
    </a>
  );
}
