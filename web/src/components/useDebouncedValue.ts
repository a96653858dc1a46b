import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `delayMs`; compared by JSON so a new but equal object is no change. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value) as string | undefined;
  useEffect(() => {
    const timer = setTimeout(
      () => setSettled(key === undefined ? (undefined as T) : (JSON.parse(key) as T)),
      delayMs,
    );
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return settled;
}
