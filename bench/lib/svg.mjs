// Line charts as plain SVG text (no chart library: the benchmark and the soak run with what the
// repository already installs). Used by the soak's plot (bench/soak/report.mjs) and by the memory
// curve of `npm run bench`. Pure functions.

/** A round step (1, 2 or 5 × 10^n) giving about `ticks` intervals over `range`. */
export function niceStep(range, ticks) {
  const raw = range / ticks;
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
}

export const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const f1 = (n) => n.toFixed(1);

/**
 * One chart panel at (left, top) of `width` × `height` (axes included), as a list of SVG elements.
 *
 * - series: [{ label, color, points: [[x, y], …], dash?, width? }] (a gap in the line where y is not finite);
 * - bands: [{ from, to, label, fill? }] shaded x ranges (phases), labelled at the top;
 * - hlines: [{ y, label, color?, dash?, labelAt? }] horizontal reference lines (limits), labelled at the right (or 'left');
 * - segments: [{ x1, y1, x2, y2, color?, dash? }] in data units (e.g. a trend line);
 * - xMax / yMax: the axes' ranges (both start at 0); title and legend at the top left; note at the top right, below them.
 */
export function panel({ left, top, width, height, xMax, yMax, xLabel = '', yLabel = '', title = '', note = '', series = [], bands = [], hlines = [], segments = [], legend = true }) {
  const m = { l: 60, r: 16, t: note ? 42 : title || legend ? 34 : 12, b: xLabel ? 40 : 24 };
  const x0 = left + m.l;
  const x1 = left + width - m.r;
  const y0 = top + height - m.b; // the x axis
  const y1 = top + m.t;
  const xm = Math.max(1e-9, xMax);
  const ym = Math.max(1e-9, yMax);
  const X = (x) => x0 + (Math.min(x, xm) / xm) * (x1 - x0);
  const Y = (y) => y0 - (Math.min(y, ym) / ym) * (y0 - y1);
  const out = [];
  if (title) out.push(`<text x="${left + m.l}" y="${top + 14}" font-size="13" font-weight="bold">${esc(title)}</text>`);
  if (note) out.push(`<text x="${x1}" y="${top + 32}" text-anchor="end" font-size="11" fill="#333">${esc(note)}</text>`);
  bands.forEach((b, i) => {
    if (!(b.to > b.from)) return;
    const xa = X(Math.max(0, b.from));
    const xb = X(b.to);
    out.push(`<rect x="${f1(xa)}" y="${y1}" width="${f1(Math.max(0.5, xb - xa))}" height="${f1(y0 - y1)}" fill="${b.fill ?? (i % 2 ? '#f3f3f3' : '#e8eef6')}"/>`);
    if (b.label && xb - xa > b.label.length * 5.6 + 4) {
      out.push(`<text x="${f1((xa + xb) / 2)}" y="${f1(y1 + 11)}" text-anchor="middle" font-size="10" fill="#555">${esc(b.label)}</text>`);
    }
  });
  const yStep = niceStep(ym, 5);
  for (let y = 0; y <= ym + 1e-9; y += yStep) {
    out.push(`<line x1="${x0}" x2="${x1}" y1="${f1(Y(y))}" y2="${f1(Y(y))}" stroke="#ddd" stroke-width="0.7"/>`);
    out.push(`<text x="${x0 - 6}" y="${f1(Y(y) + 4)}" text-anchor="end">${+y.toFixed(6)}</text>`);
  }
  const xStep = niceStep(xm, 8);
  for (let x = 0; x <= xm + 1e-9; x += xStep) {
    out.push(`<line x1="${f1(X(x))}" x2="${f1(X(x))}" y1="${y0}" y2="${y0 + 4}" stroke="#333"/>`);
    out.push(`<text x="${f1(X(x))}" y="${y0 + 16}" text-anchor="middle">${+x.toFixed(6)}</text>`);
  }
  out.push(`<line x1="${x0}" x2="${x0}" y1="${y1}" y2="${y0}" stroke="#333"/>`);
  out.push(`<line x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}" stroke="#333"/>`);
  if (xLabel) out.push(`<text x="${f1((x0 + x1) / 2)}" y="${y0 + 32}" text-anchor="middle">${esc(xLabel)}</text>`);
  if (yLabel) out.push(`<text x="${left + 16}" y="${f1((y0 + y1) / 2)}" text-anchor="middle" transform="rotate(-90 ${left + 16} ${f1((y0 + y1) / 2)})">${esc(yLabel)}</text>`);
  for (const h of hlines) {
    if (!(h.y >= 0 && h.y <= ym)) continue;
    out.push(`<line x1="${x0}" x2="${x1}" y1="${f1(Y(h.y))}" y2="${f1(Y(h.y))}" stroke="${h.color ?? '#000'}" stroke-width="1" stroke-dasharray="${h.dash ?? '6,4'}"/>`);
    if (h.label) {
      const atLeft = h.labelAt === 'left';
      out.push(`<text x="${atLeft ? x0 + 4 : x1 - 4}" y="${f1(Y(h.y) - 4)}" text-anchor="${atLeft ? 'start' : 'end'}" font-size="10" fill="${h.color ?? '#000'}">${esc(h.label)}</text>`);
    }
  }
  for (const s of segments) {
    out.push(`<line x1="${f1(X(s.x1))}" y1="${f1(Y(s.y1))}" x2="${f1(X(s.x2))}" y2="${f1(Y(s.y2))}" stroke="${s.color ?? '#000'}" stroke-dasharray="${s.dash ?? '5,4'}"/>`);
  }
  for (const s of series) {
    let d = '';
    let pen = false;
    for (const [x, y] of s.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${f1(X(x))},${f1(Y(y))}`;
      pen = true;
    }
    if (d) out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.width ?? 1.5}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
  }
  if (legend) {
    let lx = x0 + (title ? Math.min(260, 8 + title.length * 7.5) : 0);
    for (const s of series.filter((k) => k.label)) {
      out.push(`<line x1="${f1(lx)}" x2="${f1(lx + 16)}" y1="${top + 10}" y2="${top + 10}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`);
      out.push(`<text x="${f1(lx + 20)}" y="${top + 14}">${esc(s.label)}</text>`);
      lx += 40 + s.label.length * 7;
    }
  }
  return out;
}

/** A whole SVG document of `width` × `height` with a white background and an optional heading. */
export function svgDocument(width, height, elements, { heading = '' } = {}) {
  return `${[
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...(heading ? [`<text x="${width / 2}" y="22" text-anchor="middle" font-size="14">${esc(heading)}</text>`] : []),
    ...elements,
    '</svg>',
  ].join('\n')}\n`;
}
