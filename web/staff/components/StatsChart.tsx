// The statistics as bar charts (Chart.js): reports by category over the months, and by school.
// A suppressed cell ("<5", "*") is not drawn at all, never as a guess: a bar of "some small
// number" would single a month out as surely as the number [Note: small-count suppression].
// The table under the charts holds every figure, so the charts are pictures (role="img") of it.
import { useEffect, useRef } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { StatsCount } from '../../../shared/protocol/admin.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Ten colours apart from each other and dark enough against white.
const COLOURS = [
  '#1d4e89',
  '#b00020',
  '#1b6e2e',
  '#7a4a00',
  '#5b2a86',
  '#00677f',
  '#8a1c4a',
  '#444444',
  '#4d6b00',
  '#a34700',
];

/** Only real numbers are drawn; suppressed cells stay empty. */
export const drawable = (cell: StatsCount | string | null | undefined): number | null =>
  typeof cell === 'number' ? cell : null;

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

export function StatsChart({
  labels,
  series,
  stacked,
  title,
  description,
}: {
  labels: string[];
  series: ChartSeries[];
  stacked: boolean;
  title: string;
  /** What the picture shows, for a screen reader. */
  description: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const datasets: ChartDataset<'bar', (number | null)[]>[] = series.map((s, i) => ({
      label: s.label,
      backgroundColor: COLOURS[i % COLOURS.length] ?? '#1d4e89',
      data: s.values,
    }));
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: { stacked },
          y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
    return () => chart.destroy();
  }, [labels.join('|'), JSON.stringify(series), stacked]);
  return (
    <figure class="stats-chart">
      <figcaption>{title}</figcaption>
      <div class="stats-chart__canvas">
        <canvas
          ref={canvas}
          role="img"
          aria-label={description}
          // What is drawn, per series, readable without Chart.js (the tests check no "<5" is).
          data-drawn={JSON.stringify(Object.fromEntries(series.map((s) => [s.label, s.values])))}
          data-labels={JSON.stringify(labels)}
        />
      </div>
    </figure>
  );
}
