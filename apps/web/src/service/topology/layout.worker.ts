import { computeLayout, layoutBuffers, type LayoutInput } from './layout.ts';

/** Lays out large Services off the main thread; arrays travel transferred both ways. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; input: LayoutInput }>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, input } = event.data;
  const layout = computeLayout(input);
  scope.postMessage({ id, layout }, layoutBuffers(layout));
};
