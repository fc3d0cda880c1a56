import type { MouseEvent } from 'react';
import { hrefOf, navigate } from '../app/navigation.ts';
import { serviceRoute } from '../app/route.ts';

/** A real link to a Service's page that navigates in place on a plain click. */
export function ServiceLink({
  namespace,
  name,
  tabIndex,
}: {
  namespace: string;
  name: string;
  tabIndex?: number;
}) {
  const route = serviceRoute(namespace, name);
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
