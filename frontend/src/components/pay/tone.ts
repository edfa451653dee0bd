import type {StatusTone} from '../../lib/pay';

/**
 * toneVariant names the variant of the shared .badge and .notice classes
 * (styles/components.css) that colours a status tone.
 */
export const toneVariant: Record<StatusTone, 'success' | 'info' | 'warning' | 'danger'> = {
  ok: 'success',
  info: 'info',
  warning: 'warning',
  danger: 'danger',
};
