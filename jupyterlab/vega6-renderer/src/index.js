// JupyterLab mime renderer for Vega-Lite 6 / Vega 6 outputs (Altair 6).
//
// JupyterLab 4.6 only ships a renderer for the Vega 5 MIME types, so Altair 6
// charts fall back to their text/plain repr. This renders them with the same
// vega / vega-lite / vega-embed versions that vl-convert inlines into the
// project's HTML pages, so a chart looks the same in both places.
import { Widget } from '@lumino/widgets';
import { loader as vegaLoader } from 'vega';
import embed from 'vega-embed';

// `+json` is the form nbformat's schema accepts for a JSON object, so the project's reports emit it; Altair 6's
// own "mimetype" renderer writes `.json`. A spec compiled by VegaFusion is Vega, not Vega-Lite.
const VEGALITE6_MIMES = ['application/vnd.vegalite.v6+json', 'application/vnd.vegalite.v6.json'];
const VEGA6_MIMES = ['application/vnd.vega.v6+json', 'application/vnd.vega.v6.json'];

// Only actions that work without a network: "Open in Vega Editor" posts the
// spec to vega.github.io, and the source views are of little use in a report.
const DEFAULT_EMBED_OPTIONS = {
  actions: { export: true, source: false, compiled: false, editor: false },
  renderer: 'svg',
  defaultStyle: true
};

// Altair inlines data by default; anything that is not a data: URI would mean
// a request leaving the notebook, which the reports must never depend on.
function offlineLoader() {
  const base = vegaLoader();
  return {
    ...base,
    async sanitize(uri, options) {
      if (/^data:/i.test(String(uri))) {
        return base.sanitize.call(this, uri, options);
      }
      throw new Error(`Vega 6 renderer is offline: refusing to load ${uri}`);
    }
  };
}

// Output metadata may override any default, and `actions` may be given
// per entry, e.g. {"actions": {"export": false}}, without losing the others.
function embedOptions(fromMetadata) {
  fromMetadata = fromMetadata || {};
  const merged = { ...DEFAULT_EMBED_OPTIONS, ...fromMetadata };
  const { actions } = fromMetadata;
  if (actions && typeof actions === 'object') {
    merged.actions = { ...DEFAULT_EMBED_OPTIONS.actions, ...actions };
  }
  return merged;
}

// True when the compiled spec sizes itself from its container ("container"
// width/height in Vega-Lite).
function usesContainerSize(vgSpec, signalName) {
  const signal = (vgSpec.signals || []).find(s => s.name === signalName);
  return !!signal && /containerSize/.test(JSON.stringify(signal));
}

class Vega6Renderer extends Widget {
  constructor(options) {
    super();
    this._mimeType = options.mimeType;
    this._result = null;
    this._renderCount = 0;
    this.addClass('jp-RenderedVega6');
  }

  async renderModel(model) {
    const spec = model.data[this._mimeType];
    if (spec === undefined) {
      return;
    }
    const metadata = model.metadata[this._mimeType] || {};
    const options = {
      ...embedOptions(metadata.embed_options),
      mode: VEGA6_MIMES.includes(this._mimeType) ? 'vega' : 'vega-lite',
      // Not overridable from metadata: keeping the renderer offline is the point.
      loader: offlineLoader(),
      // Untrusted notebooks get vega's expression interpreter instead of
      // code generated with Function().
      ast: !model.trusted
    };

    // Embed into an element that is already in the widget, so "container"
    // sizes can be measured when vega initializes.
    const renderId = ++this._renderCount;
    this._finalize();
    const el = document.createElement('div');
    this.node.replaceChildren(el);
    const result = await embed(el, spec, options);
    // A newer renderModel call (or dispose) overtook this one: release the
    // abandoned view instead of leaking its timers and listeners.
    if (renderId !== this._renderCount || this.isDisposed) {
      result.finalize();
      return;
    }
    this._result = result;
    this._fitToContainer();
  }

  // Vega re-reads containerSize() only on window resize events, but a
  // JupyterLab panel can change width without one (sidebar, split view).
  onResize(msg) {
    super.onResize(msg);
    this._fitToContainer();
  }

  // The output area may render before attaching the widget, when there is
  // nothing to measure yet.
  onAfterAttach(msg) {
    super.onAfterAttach(msg);
    this._fitToContainer();
  }

  onAfterShow(msg) {
    super.onAfterShow(msg);
    this._fitToContainer();
  }

  _fitToContainer() {
    const result = this._result;
    if (!result || !this.isVisible) {
      return;
    }
    const view = result.view;
    const container = view.container();
    if (!container) {
      return;
    }
    let changed = false;
    if (usesContainerSize(result.vgSpec, 'width') && container.clientWidth > 0) {
      changed = view.width() !== container.clientWidth;
      view.width(container.clientWidth);
    }
    if (usesContainerSize(result.vgSpec, 'height') && container.clientHeight > 0) {
      changed = changed || view.height() !== container.clientHeight;
      view.height(container.clientHeight);
    }
    if (changed) {
      view.runAsync();
    }
  }

  // vega-embed's finalize() calls view.finalize() (timers, event listeners,
  // tooltip handler) and drops its document-level click listener.
  _finalize() {
    if (this._result) {
      this._result.finalize();
      this._result = null;
    }
  }

  dispose() {
    if (this.isDisposed) {
      return;
    }
    this._renderCount++;
    this._finalize();
    super.dispose();
  }
}

const rendererFactory = {
  safe: true,
  mimeTypes: [...VEGALITE6_MIMES, ...VEGA6_MIMES],
  createRenderer: options => new Vega6Renderer(options)
};

// Lower rank wins; text/plain is 120 and image/png 90, so the interactive
// chart is preferred over both whenever the bundle carries a v6 spec.
export default {
  id: '@quebec-intl/vega6-renderer:factory',
  rendererFactory,
  rank: 57,
  dataType: 'json'
};
