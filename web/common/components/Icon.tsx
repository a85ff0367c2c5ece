// The app's icons, drawn for it as inline SVG (24 px grid, round 2 px strokes): no icon font and
// no emoji, so a kiosk without an emoji font shows them the same as a phone does, and only the
// few shapes used here reach the bundle (about 2 kB before gzip).
const PATHS = {
  home: ['M3 11 12 3.5l9 7.5', 'M5.5 9.5V20h13V9.5', 'M10 20v-5.5h4V20'],
  school: [
    'M4 21V10l8-5 8 5v11',
    'M2 21h20',
    'M9.5 21v-4.5h5V21',
    'M12 5V2h4v2.5h-4',
    'M12 12.5h.01',
  ],
  online: ['M5 5h14a1 1 0 0 1 1 1v9H4V6a1 1 0 0 1 1-1z', 'M2 19h20', 'M12 8v3', 'M12 13h.01'],
  heart: [
    'M12 20s-7.2-4.4-9.3-8.8C1.2 8.1 3 4.8 6.3 4.8c2.1 0 3.4 1.1 5.7 3.6 2.3-2.5 3.6-3.6 5.7-3.6 3.3 0 5.1 3.3 3.6 6.4C19.2 15.6 12 20 12 20z',
    'M12 8.4 10.4 11.5l3 1.5L12 16',
  ],
  friends: [
    'M9 11a3.2 3.2 0 1 0 0-6.4A3.2 3.2 0 0 0 9 11z',
    'M3 20c0-3.4 2.7-6 6-6s6 2.6 6 6',
    'M16.5 11a2.6 2.6 0 1 0 0-5.2',
    'M17 14.2c2.4.4 4 2.6 4 5.3',
  ],
  talk: [
    'M5 4.5h14a1.5 1.5 0 0 1 1.5 1.5v9a1.5 1.5 0 0 1-1.5 1.5H10l-5 4v-4a1.5 1.5 0 0 1-1.5-1.5V6A1.5 1.5 0 0 1 5 4.5z',
    'M8 9.5h8',
    'M8 12.5h5',
  ],
  me: ['M12 11a3.6 3.6 0 1 0 0-7.2 3.6 3.6 0 0 0 0 7.2z', 'M5 21c0-3.9 3.1-7 7-7s7 3.1 7 7'],
  alert: ['M12 3.5 2.5 20h19z', 'M12 9.5v5', 'M12 17.5h.01'],
  clock: ['M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z', 'M12 7v5l3.5 2'],
  send: ['M21.5 2.5 10.5 13.5', 'M21.5 2.5 15 21l-4.5-7.5L3 9z'],
  key: [
    'M7.5 20a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9z',
    'M10.7 12.3 20 3',
    'M16 7l3 3',
    'M18.5 4.5l2 2',
  ],
  phone: [
    'M5 3.5h3.5l2 5-2.5 1.6a11 11 0 0 0 5.4 5.4l1.6-2.5 5 2v3.5a2 2 0 0 1-2 2A16.5 16.5 0 0 1 3 5.5a2 2 0 0 1 2-2z',
  ],
  speaker: [
    'M11 5 6.5 9H3v6h3.5l4.5 4z',
    'M15.5 9a4.5 4.5 0 0 1 0 6',
    'M18.5 6a8.5 8.5 0 0 1 0 12',
  ],
  camera: ['M3 8h4l2-3h6l2 3h4v12H3z', 'M12 17a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7z'],
  check: ['M4.5 12.5l5 5L20 7'],
  wait: ['M6 2.5h12', 'M6 21.5h12', 'M7.5 2.5v4L12 12l-4.5 5.5v4', 'M16.5 2.5v4L12 12l4.5 5.5v4'],
  dot: ['M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10z'],
  letter: ['M3.5 5.5h17v13h-17z', 'M3.5 6.5 12 13l8.5-6.5'],
  chevron: ['M6 9l6 6 6-6'],
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 24 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
