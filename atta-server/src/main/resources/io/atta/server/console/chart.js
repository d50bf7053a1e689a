// A line chart of the last points of a series, drawn as SVG elements (no inline style, no library).
import { el } from './ui.js';

const svgNs = 'http://www.w3.org/2000/svg';
const width = 600;
const height = 140;

function svg(tag, attrs) {
  const e = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) {
    e.setAttribute(k, String(v));
  }
  return e;
}

/** A chart card: title, the latest value in words, and the line; update(points) redraws it. */
export function lineChart(id, title, unit) {
  const value = el('p', { class: 'figure', id: id + '-value' }, '—');
  const area = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img',
    'aria-label': `${title}, waiting for a second sample` });
  const card = el('div', { class: 'card chart', id }, el('p', { class: 'label' }, title), value, area);
  function update(points) {
    area.replaceChildren();
    for (let i = 1; i < 4; i++) {
      area.append(svg('line', { class: 'grid', x1: 0, x2: width, y1: i * height / 4, y2: i * height / 4 }));
    }
    if (points.length === 0) {
      return;
    }
    const last = points[points.length - 1];
    value.textContent = `${format(last)} ${unit}`;
    const max = Math.max(1e-9, ...points) * 1.1;
    const step = width / Math.max(1, points.length - 1);
    const coords = points.map((p, i) => `${(i * step).toFixed(1)},${(height - p / max * height).toFixed(1)}`);
    area.append(svg('polyline', { class: 'line', points: coords.join(' ') }));
    area.setAttribute('aria-label', `${title}: ${format(last)} ${unit} now, at most ${format(Math.max(...points))} over the last ${points.length} samples`);
  }
  return { card, update };
}

function format(v) {
  return v >= 100 ? Math.round(v).toLocaleString() : v.toFixed(v >= 10 ? 1 : 2);
}
