// CRM Casebook's JupyterLab extension: draw the saved widget outputs that jupyterlab_widgets
// loses on a notebook's first open.
//
// Why: when a notebook opens with a new kernel, jupyterlab_widgets (3.0.x) restores widget
// state twice: once from the kernel and the notebook's saved state (when its manager is made),
// and once from the kernel alone (when the kernel's websocket connects). If the kernel-only
// restore ends first, the manager says "restored" while the saved models are still being
// registered, and every output that was waiting re-renders, finds no model and shows
// "Error displaying widget: model not found" for good (ipywidgets issue #3231, JupyterLab
// issue #10533). A moment later the models are there: reloading the page shows them.
//
// What: watch the notebooks' outputs; an output of the widget mime type that shows that error
// is rendered again from its own output model, after 0.25, 0.5, 1, 2, 4 and 8 s, until it
// draws. A model that never comes (really missing from the saved state) keeps the error.
// No other output is touched, and the notebook's content is not changed (nothing to save).
//
// No imports: the plugin reads JupyterLab's public objects (the shell, a notebook panel's
// cells, an output area's model and its renderers' renderModel), so it builds to a small
// remote entry and works with every JupyterLab 4.

const WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';
const LOST = 'Error displaying widget: model not found';
const DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 16000];

/** The widget renderers of the open notebooks that show the error, with their output models. */
function lostOutputs(app) {
  const lost = [];
  for (const widget of Array.from(app.shell.widgets('main'))) {
    const cells = widget.content && widget.content.widgets;
    if (!cells || !widget.sessionContext) {
      continue; // not a notebook panel
    }
    for (const cell of cells) {
      const area = cell.outputArea;
      if (!area || !area.model) {
        continue;
      }
      area.widgets.forEach((item, index) => {
        for (const renderer of Array.from(item.children ? item.children() : [])) {
          if (renderer.mimeType === WIDGET_MIME && typeof renderer.renderModel === 'function' &&
              renderer.node.textContent.trim() === LOST && index < area.model.length) {
            lost.push({ renderer, output: area.model.get(index) });
          }
        }
      });
    }
  }
  return lost;
}

const plugin = {
  id: 'casebook-lab:redraw-lost-widgets',
  description: 'Draws saved widget outputs that the widget manager lost to its restore race on first open.',
  autoStart: true,
  activate: (app) => {
    const attempts = new WeakMap(); // renderer -> retries so far
    let scheduled = false;

    const retry = () => {
      scheduled = false;
      for (const { renderer, output } of lostOutputs(app)) {
        const done = attempts.get(renderer) || 0;
        if (done >= DELAYS_MS.length || renderer.casebookPending) {
          continue;
        }
        attempts.set(renderer, done + 1);
        renderer.casebookPending = true;
        setTimeout(() => {
          renderer.casebookPending = false;
          if (!renderer.isDisposed && renderer.node.textContent.trim() === LOST) {
            Promise.resolve(renderer.renderModel(output)).then(() => {
              if (renderer.node.textContent.trim() !== LOST) {
                console.info(`casebook-lab: redrew a widget output lost on first open (${output.data[WIDGET_MIME].model_id})`);
              }
            });
          }
        }, DELAYS_MS[done]);
      }
    };

    // An output that comes to show the error has had its node's children replaced: look then, once a frame.
    const observer = new MutationObserver((mutations) => {
      if (scheduled) {
        return;
      }
      // (cheap tests first: the error is the only child, a text node, of an output's node)
      const showsLost = (m) => m.target.classList && m.target.classList.contains('jp-OutputArea-output') &&
        m.target.childNodes.length === 1 && m.target.firstChild.nodeType === Node.TEXT_NODE &&
        m.target.firstChild.data.trim() === LOST;
      if (mutations.some(showsLost)) {
        scheduled = true;
        requestAnimationFrame(retry);
      }
    });
    app.restored.then(() => {
      observer.observe(app.shell.node, { childList: true, subtree: true });
    });
  },
};

module.exports = [plugin];
