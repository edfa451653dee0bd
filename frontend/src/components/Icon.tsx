import type {ReactElement} from 'react';

/** IconName names one of the app's hand-drawn icons. */
export type IconName =
  | 'dashboard'
  | 'transactions'
  | 'pay'
  | 'statements'
  | 'cards'
  | 'export'
  | 'settings'
  | 'offline'
  | 'info'
  | 'arrow-right';

// 24×24 outline icons drawn for this app (stroke, round joins).
const paths: Record<IconName, ReactElement> = {
  dashboard: (
    <>
      <rect x="3.5" y="3.5" width="7" height="9" rx="1.5" />
      <rect x="13.5" y="3.5" width="7" height="5" rx="1.5" />
      <rect x="13.5" y="11.5" width="7" height="9" rx="1.5" />
      <rect x="3.5" y="15.5" width="7" height="5" rx="1.5" />
    </>
  ),
  transactions: (
    <>
      <path d="M9 6.5h11M9 12h11M9 17.5h11" />
      <circle cx="4.75" cy="6.5" r="1.25" />
      <circle cx="4.75" cy="12" r="1.25" />
      <circle cx="4.75" cy="17.5" r="1.25" />
    </>
  ),
  pay: <path d="M4 8.5h15m0 0-3.5-3.5M19 8.5 15.5 12M20 15.5H5m0 0 3.5-3.5M5 15.5 8.5 19" />,
  statements: (
    <>
      <path d="M14 3.5H7.5a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2h9a2 2 0 0 0 2-2V8z" />
      <path d="M14 3.5V8h4.5M9 12.5h6M9 16h6" />
    </>
  ),
  cards: (
    <>
      <rect x="2.75" y="5.5" width="18.5" height="13" rx="2" />
      <path d="M2.75 10h18.5M6.5 14.75h4" />
    </>
  ),
  export: <path d="M12 3.5v11m0 0-4.5-4.5m4.5 4.5 4.5-4.5M4.5 16v2.5a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V16" />,
  settings: (
    <>
      <path d="M4 6.5h9M17 6.5h3M4 12h3M11 12h9M4 17.5h11M19 17.5h1" />
      <circle cx="15" cy="6.5" r="2" />
      <circle cx="9" cy="12" r="2" />
      <circle cx="17" cy="17.5" r="2" />
    </>
  ),
  offline: (
    <>
      <path d="M3 3l18 18" />
      <path d="M8.5 16.5a5 5 0 0 1 7 0M5 12.5a10 10 0 0 1 5-2.6M19 12.5a10 10 0 0 0-3.1-2M2 9a14.5 14.5 0 0 1 4.5-2.9M22 9a14.5 14.5 0 0 0-10.5-4" />
      <circle cx="12" cy="20" r="0.75" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 11v5.5M12 7.75v.5" />
    </>
  ),
  'arrow-right': <path d="M5 12h14m0 0-5-5m5 5-5 5" />,
};

/** IconProps are the props of Icon. */
export interface IconProps {
  name: IconName;
  /** Pixel size of the square icon (default 20). */
  size?: number;
  /** A label makes the icon meaningful to assistive tech; without one it is decorative. */
  label?: string;
}

/** Icon draws one inline SVG icon in the current text colour. */
export function Icon({name, size = 20, label}: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={label ? undefined : true}
      role={label ? 'img' : undefined}
      aria-label={label}
      focusable="false"
    >
      {paths[name]}
    </svg>
  );
}

/** BrandMark is the app's own mark: a ledger line on a navy tile. */
export function BrandMark({size = 28}: {size?: number}) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#ffffff" fillOpacity="0.12" />
      <path d="M9 21.5h14M9 16h9M9 10.5h14" stroke="#ffffff" strokeWidth="2.25" strokeLinecap="round" />
    </svg>
  );
}
