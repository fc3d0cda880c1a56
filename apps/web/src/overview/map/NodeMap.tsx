import type { NodeSummary } from '@slicescope/contract';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useShortcut } from '../../ui/shortcuts.ts';
import { announceNode } from './describe.ts';
import { isMoveKey, moveFocus } from './focusMove.ts';
import { layoutNodeMap, nodeAt } from './layout.ts';
import { MapLegend } from './MapLegend.tsx';
import { MapOverlay } from './MapOverlay.tsx';
import { NodeCanvas } from './NodeCanvas.tsx';
import { NodeDetails } from './NodeDetails.tsx';
import { NodeTooltip } from './NodeTooltip.tsx';
import { useElementWidth } from './useMeasure.ts';
import './nodeMap.css';

interface NodeMapProps {
  nodes: readonly NodeSummary[];
  /** The node named in the URL. */
  selected: string | undefined;
  onSelect: (node: string | undefined) => void;
}

/**
 * Every node by zone: a column per zone, a box per node sized by its endpoints and marked by its
 * condition. Boxes are drawn on a canvas (thousands of nodes), labels and markers in SVG. The
 * figure takes the keyboard focus: arrows move a marker, Enter picks the node, Esc lets go.
 */
export function NodeMap({ nodes, selected, onSelect }: NodeMapProps) {
  const figure = useRef<HTMLElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scroller, 960);
  const layout = useMemo(() => layoutNodeMap(nodes, { width }), [nodes, width]);
  const [focused, setFocused] = useState<string>();
  const [hovered, setHovered] = useState<string>();
  const [hasFocus, setHasFocus] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const total = layout.nodes.length;
  const focusIndex = focused === undefined ? undefined : layout.indexOf.get(focused);
  const hoverIndex = hovered === undefined ? undefined : layout.indexOf.get(hovered);
  const selectedIndex = selected === undefined ? undefined : layout.indexOf.get(selected);

  const focusNode = (index: number) => {
    const placed = layout.nodes[index];
    if (!placed) return;
    setFocused(placed.node.name);
    setAnnouncement(announceNode(placed.node, index, total));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget || total === 0) return;
    if (isMoveKey(event.key)) {
      event.preventDefault();
      const from = focusIndex ?? selectedIndex;
      focusNode(from === undefined ? 0 : moveFocus(layout, from, event.key));
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const placed = focusIndex === undefined ? undefined : layout.nodes[focusIndex];
      if (placed) onSelect(placed.node.name);
    }
  };
  const pointAt = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return nodeAt(layout, event.clientX - box.left, event.clientY - box.top);
  };
  const close = useCallback(() => {
    const inside = figure.current?.parentElement?.contains(document.activeElement) ?? false;
    onSelect(undefined);
    if (inside) figure.current?.focus();
  }, [onSelect]);
  useShortcut('Escape', close, selected !== undefined);
  // The tooltip is fixed to the viewport: a scroll would leave it behind, so it goes.
  useEffect(() => {
    if (hovered === undefined) return undefined;
    const leave = () => setHovered(undefined);
    window.addEventListener('scroll', leave, { capture: true, passive: true });
    return () => window.removeEventListener('scroll', leave, { capture: true });
  }, [hovered]);

  // The keyboard's marker on the node whose details are open needs no tooltip over them.
  const tipIndex =
    hoverIndex ?? (hasFocus && focusIndex !== selectedIndex ? focusIndex : undefined);
  const zoneSummary = layout.zones
    .map(
      (zone) =>
        `${zone.label}: ${zone.count} nodes, ${zone.notReady} not ready, ${zone.endpoints} endpoints`,
    )
    .join('; ');
  return (
    <div className="node-map-area">
      <figure
        ref={figure}
        className="node-map"
        aria-label="Nodes by zone"
        aria-describedby="node-map-help node-map-zones"
        tabIndex={0}
        data-nodes={total}
        data-zones={layout.zones.length}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          if (event.target !== event.currentTarget) return;
          setHasFocus(true);
          if (focusIndex === undefined && total > 0) focusNode(selectedIndex ?? 0);
        }}
        onBlur={() => setHasFocus(false)}
      >
        <figcaption>
          <h2>Nodes by zone</h2>
          <MapLegend bins={layout.bins} />
        </figcaption>
        <div className="node-map-scroll" ref={scroller}>
          {total === 0 ? (
            <p className="muted">
              The cluster has no nodes (or they are not visible to slicescope).
            </p>
          ) : (
            <div
              ref={plot}
              className="node-map-plot"
              style={{ width: layout.width, height: layout.height }}
              onPointerMove={(event) => {
                const index = pointAt(event);
                setHovered(index === undefined ? undefined : layout.nodes[index]?.node.name);
              }}
              onPointerLeave={() => setHovered(undefined)}
              onClick={(event) => {
                const index = pointAt(event);
                const placed = index === undefined ? undefined : layout.nodes[index];
                if (!placed || index === undefined) return;
                setFocused(placed.node.name);
                onSelect(placed.node.name);
              }}
            >
              <NodeCanvas layout={layout} />
              <MapOverlay
                layout={layout}
                markers={{
                  hovered: hoverIndex,
                  focused: hasFocus ? focusIndex : undefined,
                  selected: selectedIndex,
                }}
              />
              {tipIndex !== undefined && (
                <NodeTooltip layout={layout} index={tipIndex} plot={plot} />
              )}
            </div>
          )}
        </div>
        <p id="node-map-help" className="visually-hidden">
          Arrow keys move between nodes, Home and End go to the first and last, Enter shows the
          node&apos;s details, Escape closes them.
        </p>
        <p id="node-map-zones" className="visually-hidden">
          {zoneSummary}
        </p>
        <p className="visually-hidden" aria-live="polite" data-testid="node-map-announcement">
          {announcement}
        </p>
      </figure>
      {selected !== undefined && (
        <NodeDetails
          key={selected}
          name={selected}
          node={layout.nodes[selectedIndex ?? -1]?.node}
          onClose={close}
        />
      )}
    </div>
  );
}
