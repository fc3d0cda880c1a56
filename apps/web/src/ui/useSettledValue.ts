import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `ms`: a slider being dragged asks for one costly
 * answer where it stops, not one per position it passes. With `ms` 0, `value` itself.
 */
export function useSettledValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return ms === 0 ? value : settled;
}
