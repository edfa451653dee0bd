import {useEffect, useState} from 'react';

/**
 * useNow returns the current time and re-renders every intervalMs, so
 * relative times ("5 min ago") stay true while a view is open.
 */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => {
      setNow(new Date());
    }, intervalMs);
    return () => {
      clearInterval(t);
    };
  }, [intervalMs]);
  return now;
}
