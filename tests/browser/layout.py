"""What "looks finished" means, measured in the page: one JavaScript check returning every problem found.

Used by tests/browser/test_layout.py. Each problem is a short string naming the element
(its label or text) and the measurement, so a failing test says what to fix.

Quoted source text (Chinese in both languages) is marked ``class="crm-source"`` by the
views (widgets.tables.quoted) and exempt from the language check; markdown cells are
bilingual by design (Chinese, then English in italics) and not checked for language.
"""

MIN_TRACK_PX = 120
RAW_PANDAS = r"dtype:|\bNaN\b|\bNaT\b|<NA>|Name: |days \d\d:|\bnan\b"
CJK = r"[\u4e00-\u9fff]"
# Three English words in a row: a sentence or a label left in English on the Chinese page.
ENGLISH_PHRASE = r"\b[A-Za-z][a-z]+ [a-z]{2,} [a-z]{2,}\b"
# A column or category name shown as is (value_share, cant_lose): a label missing from widgets/i18n.py.
SNAKE_CASE = r"\b[a-z]{2,}_[a-z0-9_]+\b"

CHECK_JS = r"""
([lang, minTrack, rawPattern, cjkPattern, englishPattern, snakePattern]) => {
  const problems = [];
  const name = el => (el.getAttribute('aria-label') || el.innerText || el.textContent || el.className || '')
      .toString().trim().replace(/\s+/g, ' ').slice(0, 60);
  const outputs = Array.from(document.querySelectorAll('.jp-OutputArea-output'));
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };

  // 1. sliders: the track keeps room to move
  document.querySelectorAll('.widget-slider').forEach(s => {
    const track = s.querySelector('.slider-container, .noUi-target');
    if (!track || !visible(s)) return;
    const w = track.getBoundingClientRect().width;
    if (w < minTrack) problems.push(`slider track ${Math.round(w)} px: ${name(s.querySelector('.widget-label') || s)}`);
  });

  // 2. control labels and buttons not cut
  document.querySelectorAll('.widget-label, .widget-label-basic, .widget-button, .widget-toggle-button, '
                          + '.widget-checkbox label, .widget-upload, .widget-dropdown select').forEach(el => {
    if (!visible(el)) return;
    if (el.scrollWidth > el.clientWidth + 1) problems.push(`label cut (${el.scrollWidth} > ${el.clientWidth} px): ${name(el)}`);
  });

  // 3. nothing wider than the box it is in
  outputs.forEach(out => out.querySelectorAll('.jupyter-widgets, .js-plotly-plot, .crm-table, .widget-box > *, .widget-html-content > *').forEach(el => {
    const parent = el.parentElement;
    if (!parent || !visible(el)) return;
    const r = el.getBoundingClientRect();
    for (const box of [parent, out]) {
      const p = box.getBoundingClientRect();
      const style = getComputedStyle(box);
      if (box === parent && (style.overflowX === 'auto' || style.overflowX === 'scroll')) return;  // a scroll box holds more
      if (r.right > p.right + 1 || r.left < p.left - 1) {
        problems.push(`wider than its box (${Math.round(r.width)} px in ${Math.round(p.width)} px): ${name(el)}`);
        return;
      }
    }
  }));
  // ... nor cut at the edge of a box that hides what overflows it (a 700 px figure in a 668 px box)
  outputs.forEach(out => out.querySelectorAll('.js-plotly-plot, .widget-box, .widget-html, .widget-html-content').forEach(el => {
    if (!visible(el) || !['hidden', 'clip'].includes(getComputedStyle(el).overflowX)) return;
    const svg = el.classList.contains('js-plotly-plot') ? el.querySelector('.main-svg') : null;
    const inner = svg ? svg.getBoundingClientRect().width : el.scrollWidth;
    if (inner > el.clientWidth + 1)
      problems.push(`cut by its box (${Math.round(inner)} px shown in ${el.clientWidth} px): ${name(el).slice(0, 40) || el.className}`);
  }));
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) problems.push(`page scrolls sideways (${page.scrollWidth} > ${page.clientWidth} px)`);

  // 4. plotly legends clear of annotations, axis titles and tick labels
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  document.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
    const legend = plot.querySelector('.legend .bg') || plot.querySelector('.legend');
    if (!legend) return;
    const l = legend.getBoundingClientRect();
    if (!l.width) return;
    plot.querySelectorAll('.annotation, .g-xtitle, .g-ytitle, .g-y2title, .g-x2title, .gtitle, '
                         + '.xaxislayer-above text, .yaxislayer-above text').forEach(other => {
      const o = other.getBoundingClientRect();
      const text = (other.textContent || '').trim();
      if (o.width && text && overlap(l, o)) problems.push(`legend overlaps "${text.slice(0, 40)}" in figure ${i + 1}`);
    });
  });

  // 5. text a reader sees in the outputs: no raw pandas, no other language
  const raw = new RegExp(rawPattern), cjk = new RegExp(cjkPattern), english = new RegExp(englishPattern);
  const snake = new RegExp(snakePattern);
  outputs.forEach(out => {
    if (out.closest('.jp-MarkdownOutput') || out.classList.contains('jp-RenderedMarkdown')) return;
    const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('style, script, .crm-source, .crm-mark-answer, .modebar, .widget-toggle-buttons, .crm-error')) continue;
      if (snake.test(text) && !el.closest('code')) problems.push(`snake_case label: ${text.slice(0, 60)}`);
      if (raw.test(text)) problems.push(`raw pandas text: ${text.slice(0, 60)} (in ${el.tagName}.${el.getAttribute('class') || ''} of ${name(out).slice(0, 30)})`);
      if (lang === 'en' && cjk.test(text)) problems.push(`Chinese on the English page: ${text.slice(0, 60)}`);
      if (lang === 'zh' && english.test(text)) problems.push(`English on the Chinese page: ${text.slice(0, 60)}`);
    }
  });
  return Array.from(new Set(problems));
}
"""


def layout_problems(page, lang: str) -> list[str]:
    """Every layout, formatting and language problem on ``page`` shown in ``lang``."""
    return page.evaluate(CHECK_JS, [lang, MIN_TRACK_PX, RAW_PANDAS, CJK, ENGLISH_PHRASE, SNAKE_CASE])
