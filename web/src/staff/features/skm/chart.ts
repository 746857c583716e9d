/**
 * The SKM chart: each element's NRR (1-4) as a bar, with Chart.js (bar chart parts only).
 * Imported dynamically by the SKM page alone.
 */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

const BAND = { A: '#00703c', B: '#1d70b8', C: '#b58105', D: '#b10e1e' } as Record<string, string>;

/** One bar per element, coloured by its quality band; returns the chart to destroy later. */
export function nrrChart(canvas: HTMLCanvasElement, title: string, rows: { label: string; nrr: number; mutu: string }[]): Chart {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.label),
      datasets: [{ label: title, data: rows.map((r) => r.nrr), backgroundColor: rows.map((r) => BAND[r.mutu] ?? '#505a5f') }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { y: { min: 1, max: 4, ticks: { stepSize: 0.5 } } },
    },
  });
}
