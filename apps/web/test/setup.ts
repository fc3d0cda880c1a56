import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The api serves index.html with a <base href> of its base path; the app reads it back.
const base = document.createElement('base');
base.href = '/';
document.head.append(base);

// jsdom has no canvas: views must cope with a missing 2D context (they draw nothing then).
HTMLCanvasElement.prototype.getContext = (() =>
  null) as typeof HTMLCanvasElement.prototype.getContext;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});
