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
// and is not retried.
//
// The manager's load of the saved state asks the kernel for its comm info first, and that
// request can wait for ever (a kernel that reconnected while the notebook opened does not answer
// it): then no retry can draw, and an output rendered before any restore says "Loading widget..."
// for ever. So when a lost output's saved model is still not registered after a few tries, or an
// output has waited WAITING_MS for a restore, casebook-lab registers the saved models that the
// manager lacks itself, from the notebook's saved state, as the manager's own load does for a
// model without a live comm (the saved models of a notebook opened before Run All have none), and
// draws the output again. Besides the DOM observer, a sweep every SWEEP_MS finds outputs whose
// change the observer did not report. No other output is touched, and the notebook's content is
// not changed.
//
// No imports: the plugin reads JupyterLab's public objects (the shell, a notebook panel's
// context and cells, an output area's model and its renderers' renderModel) and the widget
// renderer's manager (its `restored` signal), so it builds to a small remote entry.

const WIDGET_MIME = 'application/vnd.jupyter.widget-view+json';
const STATE_MIME = 'application/vnd.jupyter.widget-state+json';
const LOST = 'Error displaying widget: model not found';
const LOADING = 'Loading widget...';
const FIRST_DELAY_MS = 250;
const LONGEST_DELAY_MS = 8000;
const RETRY_FOR_MS = 120000;
const REGISTER_AFTER_TRIES = 3; // then the saved models the manager lacks are registered from the saved state
const WAITING_MS = 8000; // an output still waiting for a restore after this long is drawn from the saved state
const SWEEP_MS = 1000;

/** A notebook panel's saved widget state ({version_major, state: {id: {model_name, ..., state, buffers}}}), or null. */
function savedState(panel) {
  const model = panel.context && panel.context.model;
  const widgets = model && (model.getMetadata ? model.getMetadata('widgets') : model.metadata.get('widgets'));
  const state = widgets && widgets[STATE_MIME];
  return state && state.state ? state : null;
}

/** The model ids of a notebook panel's saved widget state. */
function savedModels(panel) {
  const state = savedState(panel);
  return new Set(state ? Object.keys(state.state) : []);
}

/** A saved buffer (base64 or hex) as the DataView a widget model's state holds. */
function decodeBuffer(buffer) {
  const bytes = buffer.encoding === 'hex'
    ? Uint8Array.from(buffer.data.match(/../g) || [], (pair) => parseInt(pair, 16))
    : Uint8Array.from(atob(buffer.data), (c) => c.charCodeAt(0));
  return new DataView(bytes.buffer);
}

/**
 * What a widget renderer shows: 'lost' (the error), 'waiting' (its first render failed before the
 * manager said restored, and it keeps the output for the re-render), or null (anything else).
 */
function kindOf(renderer) {
  const node = renderer.node;
  const text = node.childNodes.length === 1 && node.firstChild.nodeType === Node.TEXT_NODE ? node.firstChild.data.trim() : null;
  return text === LOST ? 'lost' : text === LOADING && renderer._rerenderMimeModel ? 'waiting' : null;
}

/**
 * Register the models of the panel's saved widget state that the manager has not, as its own
 * load of the saved state does for models without a live comm (a copy of each state, its binary
 * buffers put back); return how many.
 */
function registerSavedModels(manager, panel) {
  const saved = savedState(panel);
  if (!saved || typeof manager.new_model !== 'function' || typeof manager.has_model !== 'function') {
    return 0;
  }
  const missing = Object.keys(saved.state).filter((id) => !manager.has_model(id));
  for (const id of missing) {
    const model = saved.state[id];
    const state = JSON.parse(JSON.stringify(model.state || {}));
    for (const buffer of model.buffers || []) {
      let holder = state;
      buffer.path.slice(0, -1).forEach((key) => { holder = holder[key]; });
      holder[buffer.path[buffer.path.length - 1]] = decodeBuffer(buffer);
    }
    // (new_model registers the model's promise at once, before its first await)
    Promise.resolve(manager.new_model({
      model_id: id, model_name: model.model_name, model_module: model.model_module,
      model_module_version: model.model_module_version,
    }, state)).catch((error) => console.error(`casebook-lab: saved widget model ${id} could not be made`, error));
  }
  return missing.length;
}

/**
 * The widget renderers of the open notebooks, with their output models, that show the error for a
 * saved model ("lost"), or that wait for a restore that has not come ("waiting": their first render
 * failed before the manager said restored, and they keep the output for its re-render).
 */
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
              index >= area.model.length) {
            continue;
          }
          const kind = kindOf(renderer);
          if (!kind) {
            continue;
          }
          const output = area.model.get(index);
          const modelId = output.data[WIDGET_MIME] && output.data[WIDGET_MIME].model_id;
          saved = saved || savedModels(panel);
          if (saved.has(modelId)) {
            lost.push({ renderer, output, modelId, panel, kind });
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
    const tries = new WeakMap(); // renderer -> {count, since, timer, busy}
    const waiting = new WeakMap(); // renderer -> when it was first seen waiting for a restore
    const hooked = new WeakSet(); // managers whose `restored` signal we follow

    // A saved model still not registered after a few tries (or an output that waited long for a
    // restore): the manager's load of the saved state is stuck on the kernel's comm info. Register
    // the saved models it lacks from the saved state (their promises at once), then draw again.
    const register = (renderer, panel) => {
      const pending = renderer._manager && renderer._manager.promise;
      return Promise.resolve(pending).then((manager) => {
        // (no check here: a model live in the kernel must come from the kernel, with its comm, and
        // the callers come only after the manager has restored (a lost output) or when no restore
        // has ended in WAITING_MS (a waiting one: the kernel's own load is stuck too, its fallback
        // asks for the same comm info))
        const made = manager ? registerSavedModels(manager, panel) : 0;
        if (made) {
          console.info(`casebook-lab: registered ${made} saved widget models that the widget manager had not loaded`);
        }
        return manager;
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
      if (!kindOf(renderer)) {  // (the manager's own re-render)
        console.info(`casebook-lab: a widget output lost on first open was drawn again by the widget manager (${modelId})`);
        return;
      }
      entry.busy = true;
      entry.count += 1;
      const first = entry.kind === 'waiting' || entry.count >= REGISTER_AFTER_TRIES
        ? register(renderer, panel) : Promise.resolve();
      first.then(() => renderer.renderModel(renderer._rerenderMimeModel || output)).then(() => {
        entry.busy = false;
        const now = renderer.node.textContent.trim();
        if (now !== LOST && now !== LOADING) {
          console.info(`casebook-lab: redrew a widget output lost on first open (${modelId}, try ${entry.count})`);
        } else {
          console.info(`casebook-lab: a widget output lost on first open is not drawn yet (${modelId}, try ${entry.count})`);
          plan(renderer, output, modelId, panel, entry.kind);
        }
      }, (error) => {
        entry.busy = false;
        console.error(`casebook-lab: drawing a lost widget output failed (${modelId})`, error);
        plan(renderer, output, modelId, panel, entry.kind);
      });
    };

    // the next timer of a lost output, unless it has been tried for RETRY_FOR_MS
    const plan = (renderer, output, modelId, panel, kind) => {
      let entry = tries.get(renderer);
      if (!entry) {
        entry = { count: 0, since: Date.now(), timer: null, busy: false, kind };
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
      const now = Date.now();
      for (const { renderer, output, modelId, panel, kind } of lostOutputs(app)) {
        if (kind === 'waiting') {  // (normal while the manager restores: act only after WAITING_MS)
          if (!waiting.has(renderer)) {
            waiting.set(renderer, now);
          }
          if (now - waiting.get(renderer) < WAITING_MS) {
            continue;
          }
          if (!tries.has(renderer)) {
            console.info(`casebook-lab: a widget output has waited ${WAITING_MS / 1000} s for the widget manager's restore (${modelId})`);
          }
        }
        plan(renderer, output, modelId, panel, kind);
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
      // (and a sweep, for what the observer did not report: an output that waits for a restore
      // makes no mutation, and a frame is not drawn for a page in the background)
      setInterval(look, SWEEP_MS);
    });
  },
};

module.exports = [plugin];
