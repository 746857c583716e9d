/**
 * Bar charts of the monthly report with Chart.js (tree-shaken: bar chart parts only). This
 * module is imported dynamically by the reports page alone, so no other screen loads it.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

// Categories without a meaning of their own (classes, channels): no red, which means alarm here.
const COLOURS = ['#0b4f6c', '#00703c', '#b58105', '#5c3d99', '#505a5f', '#1d70b8', '#28a197', '#6f777b'];

/** Draw `values` (label -> count) on `canvas`, each bar in `colours[i]` when given (a bar that
 * means a state: colours.ts), else the palette's; returns the chart to destroy on the next draw. */
export function barChart(canvas: HTMLCanvasElement, title: string, values: [string, number][], colours?: readonly string[]): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: values.map(([l]) => l),
      datasets: [{ label: title, data: values.map(([, v]) => v), backgroundColor: values.map((_, i) => colours?.[i] ?? COLOURS[i % COLOURS.length] ?? '#0b4f6c') }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}
