import { useEffect, useState, type RefObject } from 'react';

/**
 * The content width of an element, following resizes; `fallback` until it is laid out (and in
 * environments without layout, such as tests).
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const measured = element.clientWidth;
      setWidth(measured > 0 ? measured : fallback);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}

const currentRatio = () => (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);

/** window.devicePixelRatio, updated when it changes (browser zoom, a move to another screen). */
export function usePixelRatio(): number {
  const [ratio, setRatio] = useState(currentRatio);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return undefined;
    const query = window.matchMedia(`(resolution: ${ratio}dppx)`);
    const update = () => setRatio(currentRatio());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [ratio]);
  return ratio;
}

/** 'dark' or 'light', following the system setting the theme's CSS variables follow. */
export function useColourScheme(): 'dark' | 'light' {
  const dark = () =>
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-color-scheme: dark)').matches;
  const [scheme, setScheme] = useState<'dark' | 'light'>(() => (dark() ? 'dark' : 'light'));
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return undefined;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setScheme(query.matches ? 'dark' : 'light');
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return scheme;
}
