/** The staff console's entry (built out by the console's own work; see web.md). */
import { render } from 'preact';

function Console() {
  return (
    <main id="main">
      <h1>Konsol Staf Layanan Kesra</h1>
      <p>Segera hadir.</p>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Console />, root);
