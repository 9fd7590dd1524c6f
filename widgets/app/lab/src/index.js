// CRM Casebook's JupyterLab extension: draw the saved widget outputs that jupyterlab_widgets
// loses on a notebook's first open.
//
// Why: when a notebook opens with a new kernel, jupyterlab_widgets (3.0.x) restores widget
// state twice: once from the kernel and the notebook's saved state (when its manager is made),
// and once from the kernel alone (when the kernel's websocket connects). If the kernel-only
// restore ends first, the manager says "restored" while the saved models are still to be
// registered (the saved state waits for the kernel's comm info). An output rendered then waits
// 2 s for its model, shows "Error displaying widget: model not found" and, since the manager
// had already said "restored", is never rendered again (ipywidgets issue #3231, JupyterLab
// issue #10533). A moment later the models are there: reloading the page shows them.
//
// What: watch the notebooks' outputs. An output of the widget mime type that shows that error,
// and whose model is in the notebook's saved widget state, is rendered again from its own
// output model: when its manager next says "restored", and on timers (0.25 s, doubling to 8 s,
// then every 8 s) until it draws or RETRY_FOR_MS have passed. Each try that does not draw yet
// is logged (console.info), and so is how each lost output ended (drawn by us, drawn by the widget
// manager's own re-render, or gone with its cell's re-render), so every "model not found" error in
// the console is accounted for.
// A model that is not in the saved state (really missing, or the kernel's own) keeps the error
// and is not retried. If saved models are still missing after a few tries, the manager is asked,
// once, to load the notebook's saved widget state again (its first load can wait for ever on a
// kernel that reconnected while the notebook opened). No other output is touched, and the
// notebook's content is not changed.
//
// No imports: the plugin reads JupyterLab's public objects (the shell, a notebook panel's
// context and cells, an output area's model and its renderers' renderModel) and the widget
// renderer's manager (its `restored` signal), so it builds to a small remote entry.

const WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';
const STATE_MIME = 'application/vnd.jupyter.widget-state+json';
const LOST = 'Error displaying widget: model not found';
const FIRST_DELAY_MS = 250;
const LONGEST_DELAY_MS = 8000;
const RETRY_FOR_MS = 120000;
const RESTORE_AFTER_TRIES = 3; // then the manager is asked to load the saved state again (once per manager)

/** The model ids of a notebook panel's saved widget state. */
function savedModels(panel) {
  const model = panel.context && panel.context.model;
  const widgets = model && (model.getMetadata ? model.getMetadata('widgets') : model.metadata.get('widgets'));
  const state = widgets && widgets[STATE_MIME] && widgets[STATE_MIME].state;
  return new Set(state ? Object.keys(state) : []);
}

/** The widget renderers of the open notebooks that show the error for a saved model, with their output models. */
function lostOutputs(app) {
  const lost = [];
  for (const panel of Array.from(app.shell.widgets('main'))) {
    const cells = panel.content && panel.content.widgets;
    if (!cells || !panel.sessionContext) {
      continue; // not a notebook panel
    }
    let saved = null;
    for (const cell of cells) {
      const area = cell.outputArea;
      if (!area || !area.model) {
        continue;
      }
      area.widgets.forEach((item, index) => {
        for (const renderer of Array.from(item.children ? item.children() : [])) {
          if (renderer.mimeType !== WIDGET_MIME || typeof renderer.renderModel !== 'function' ||
              renderer.node.textContent.trim() !== LOST || index >= area.model.length) {
            continue;
          }
          const output = area.model.get(index);
          const modelId = output.data[WIDGET_MIME] && output.data[WIDGET_MIME].model_id;
          saved = saved || savedModels(panel);
          if (saved.has(modelId)) {
            lost.push({ renderer, output, modelId, panel });
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
    const tries = new WeakMap(); // renderer -> {count, since, timer}
    const hooked = new WeakSet(); // managers whose `restored` signal we follow
    const reloaded = new WeakSet(); // managers asked to load the notebook's saved state again

    // A saved model still missing after a few tries: the manager's own load of the saved state never
    // registered it (it waits for the kernel's comm info, which a kernel that reconnected while the
    // notebook opened does not answer). Ask the manager to load the saved state again, once: it
    // registers the models and says "restored", and the hook below draws the lost outputs.
    const reload = (renderer, panel) => {
      if (!renderer._manager || !renderer._manager.promise || !panel.context) {
        return;
      }
      renderer._manager.promise.then((manager) => {
        if (!manager || reloaded.has(manager) || typeof manager.restoreWidgets !== 'function') {
          return;
        }
        reloaded.add(manager);
        console.info('casebook-lab: saved widget models still missing; loading the notebook\'s saved widget state again');
        Promise.resolve(manager.restoreWidgets(panel.context.model, { loadKernel: false, loadNotebook: true }))
          .then(() => setTimeout(retryAll, 0));
      });
    };
    let scheduled = false;

    const redraw = (renderer, output, modelId, panel) => {
      const entry = tries.get(renderer);
      entry.timer = null;
      if (entry.busy) {
        return;
      }
      if (renderer.isDisposed) {  // (its cell's outputs were rendered anew: a new renderer takes over)
        console.info(`casebook-lab: a widget output lost on first open is gone before it was drawn again (${modelId})`);
        return;
      }
      if (renderer.node.textContent.trim() !== LOST) {  // (the widget manager's own re-render after its restore)
        console.info(`casebook-lab: a widget output lost on first open was drawn again by the widget manager (${modelId})`);
        return;
      }
      entry.busy = true;
      entry.count += 1;
      Promise.resolve(renderer.renderModel(output)).then(() => {
        entry.busy = false;
        if (renderer.node.textContent.trim() !== LOST) {
          console.info(`casebook-lab: redrew a widget output lost on first open (${modelId}, try ${entry.count})`);
        } else {
          console.info(`casebook-lab: a widget output lost on first open is not drawn yet (${modelId}, try ${entry.count})`);
          if (entry.count >= RESTORE_AFTER_TRIES) {
            reload(renderer, panel);
          }
          plan(renderer, output, modelId, panel);
        }
      });
    };

    // the next timer of a lost output, unless it has been tried for RETRY_FOR_MS
    const plan = (renderer, output, modelId, panel) => {
      let entry = tries.get(renderer);
      if (!entry) {
        entry = { count: 0, since: Date.now(), timer: null, busy: false };
        tries.set(renderer, entry);
      }
      if (entry.timer || entry.busy || Date.now() - entry.since > RETRY_FOR_MS) {
        return;
      }
      const delay = Math.min(FIRST_DELAY_MS * 2 ** entry.count, LONGEST_DELAY_MS);
      entry.timer = setTimeout(() => redraw(renderer, output, modelId, panel), delay);
      // and at once when the renderer's manager next says it is restored (the saved models are in then)
      if (renderer._manager && renderer._manager.promise) {
        renderer._manager.promise.then((manager) => {
          if (manager && manager.restored && !hooked.has(manager)) {
            hooked.add(manager);
            manager.restored.connect(() => setTimeout(retryAll, 0));
          }
        });
      }
    };

    const retryAll = () => {
      for (const { renderer, output, modelId, panel } of lostOutputs(app)) {
        const entry = tries.get(renderer);
        if (entry && entry.timer && !entry.busy && Date.now() - entry.since <= RETRY_FOR_MS) {
          clearTimeout(entry.timer);
          redraw(renderer, output, modelId, panel);
        }
      }
    };

    const look = () => {
      scheduled = false;
      for (const { renderer, output, modelId, panel } of lostOutputs(app)) {
        plan(renderer, output, modelId, panel);
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
        requestAnimationFrame(look);
      }
    });
    app.restored.then(() => {
      observer.observe(app.shell.node, { childList: true, subtree: true });
    });
  },
};

module.exports = [plugin];
