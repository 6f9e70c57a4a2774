/** A handful of line icons (no icon package: a few paths cost less than a dependency). */
import type { SVGProps } from 'react';

function Icon({ d, ...props }: SVGProps<SVGSVGElement> & { d: string }) {
  return (
    <svg width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden {...props}>
      <path d={d} />
    </svg>
  );
}

type P = SVGProps<SVGSVGElement>;
export const IconChart = (p: P) => <Icon d="M4 19V5M4 19h16M8 15l3-4 3 2 5-6" {...p} />;
export const IconKey = (p: P) => <Icon d="M15 7a4 4 0 1 1-3.9 4.9L4 19v-3h3v-3h3l1.1-1.1A4 4 0 0 1 15 7zm1.5 1.5h.01" {...p} />;
export const IconRoute = (p: P) => <Icon d="M6 19a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm12-10a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM8 17h5a3 3 0 0 0 0-6h-2a3 3 0 0 1 0-6h5" {...p} />;
export const IconTicket = (p: P) => <Icon d="M4 7h16v3a2 2 0 0 0 0 4v3H4v-3a2 2 0 0 0 0-4zm6 0v10" {...p} />;
export const IconList = (p: P) => <Icon d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" {...p} />;
export const IconUsers = (p: P) => <Icon d="M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM21 19v-1a4 4 0 0 0-3-3.9M16 4.1a3 3 0 0 1 0 5.8" {...p} />;
export const IconShield = (p: P) => <Icon d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zm-3 9 2 2 4-4" {...p} />;
export const IconPlay = (p: P) => <Icon d="M7 4v16l13-8z" {...p} />;
export const IconLock = (p: P) => <Icon d="M6 11h12v9H6zm2 0V8a4 4 0 0 1 8 0v3" {...p} />;
export const IconSettings = (p: P) => <Icon d="M4 7h10m4 0h2M4 17h4m4 0h8M14 5v4m-6 6v4" {...p} />;
export const IconSun = (p: P) => <Icon d="M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM12 1v2m0 18v2M4.2 4.2l1.4 1.4m12.8 12.8 1.4 1.4M1 12h2m18 0h2M4.2 19.8l1.4-1.4M18.4 5.6l1.4-1.4" {...p} />;
export const IconMoon = (p: P) => <Icon d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" {...p} />;
export const IconCopy = (p: P) => <Icon d="M9 9h10v10H9zM5 15V5h10" {...p} />;
export const IconCheck = (p: P) => <Icon d="M5 12l5 5L20 7" {...p} />;
export const IconPlus = (p: P) => <Icon d="M12 5v14M5 12h14" {...p} />;
export const IconRefresh = (p: P) => <Icon d="M20 11a8 8 0 0 0-14.9-3M4 5v4h4m-4 4a8 8 0 0 0 14.9 3M20 19v-4h-4" {...p} />;
export const IconLogout = (p: P) => <Icon d="M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10" {...p} />;
export const IconDots = (p: P) => <Icon d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth={3} {...p} />;
export const IconGauge = (p: P) => <Icon d="M4 18a8 8 0 1 1 16 0M12 18l4-6M7 13.5h.01M12 10h.01M17 13.5h.01" {...p} />;
export const IconAlert = (p: P) => <Icon d="M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" {...p} />;
export const IconLogo = (p: P) => (
  <svg width={26} height={26} viewBox="0 0 32 32" aria-hidden {...p}>
    <rect width="32" height="32" rx="7" fill="var(--mantine-color-indigo-6)" />
    <path d="M9 22 16 8l7 14M11.5 17h9" stroke="#fff" strokeWidth="2.6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
