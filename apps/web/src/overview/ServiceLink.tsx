import type { MouseEvent } from 'react';
import { hrefOf, navigate } from '../app/navigation.ts';
import { serviceRoute, type ServiceRoute } from '../app/route.ts';

/**
 * A real link to a Service's page that navigates in place on a plain click; with `node`, to its
 * routing tab showing what kube-proxy on that node does with it.
 */
export function ServiceLink({
  namespace,
  name,
  tabIndex,
  node,
}: {
  namespace: string;
  name: string;
  tabIndex?: number;
  node?: string;
}) {
  const route: ServiceRoute =
    node === undefined
      ? serviceRoute(namespace, name)
      : { ...serviceRoute(namespace, name, 'routing'), node };
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigate(route);
  };
  return (
    <a href={hrefOf(route)} onClick={onClick} tabIndex={tabIndex}>
      {namespace}/{name}
    </a>
  );
}
