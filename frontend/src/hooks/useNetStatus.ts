import {useEffect, useState} from 'react';

import {asNetState, canListen, on} from '../lib/api';
import type {NetStatus} from '../lib/types';

/**
 * useNetStatus follows the backend's `net:status` events. It returns
 * undefined until the first event, and always outside the app.
 */
export function useNetStatus(): NetStatus | undefined {
  const [status, setStatus] = useState<NetStatus>();
  useEffect(() => {
    if (!canListen()) {
      return undefined;
    }
    return on('net:status', (s) => {
      setStatus({net: asNetState(s.net), message: typeof s.message === 'string' ? s.message : ''});
    });
  }, []);
  return status;
}
