import {useEffect, useState} from 'react';

import {canListen, on} from '../lib/api';
import type {NetStatus} from '../lib/types';

/**
 * useNetStatus follows the backend's `net:status` events. It returns
 * undefined until the first event (the app assumes it is online) and always
 * outside the app.
 */
export function useNetStatus(): NetStatus | undefined {
  const [status, setStatus] = useState<NetStatus>();
  useEffect(() => {
    if (!canListen()) {
      return undefined;
    }
    return on('net:status', setStatus);
  }, []);
  return status;
}
