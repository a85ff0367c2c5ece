// Reports per month and school as a bar chart (Chart.js). Cells suppressed ("<5", "*") are not drawn:
// a bar of "some small number" would still single out a month [Note: small-count suppression].
import { useEffect, useRef } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import type { StatsRowDto } from '../../../shared/protocol/admin.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLOURS = [
  '#1d4e89',
  '#b00020',
  '#1b6e2e',
  '#7a4a00',
  '#5b2a86',
  '#00677f',
  '#8a1c4a',
  '#444444',
];

export function StatsChart({ rows, label }: { rows: StatsRowDto[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const perSchool = rows.filter((r) => r.schoolId !== null);
    const months = [...new Set(perSchool.map((r) => r.month))].sort();
    const schools = [...new Set(perSchool.map((r) => r.schoolCode ?? ''))].sort();
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: months,
        datasets: schools.map((code, i) => ({
          label: code,
          backgroundColor: COLOURS[i % COLOURS.length] ?? '#1d4e89',
          data: months.map((m) => {
            const cell =
              perSchool.find((r) => r.month === m && r.schoolCode === code)?.reports ?? 0;
            return typeof cell === 'number' ? cell : null;
          }),
        })),
      },
      options: {
        responsive: true,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [rows]);
  return <canvas ref={canvas} role="img" aria-label={label} />;
}
