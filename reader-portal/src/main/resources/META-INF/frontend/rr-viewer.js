import { LitElement, html } from 'lit';

// Window presets (center, width) in Hounsfield units, as radiologists name them.
const PRESETS = {
  brain: [40, 80],
  subdural: [75, 215],
  lung: [-600, 1500],
  bone: [480, 2500],
  abdomen: [60, 400],
};
const VIEWPORT = 'rr-stack';
const TOOLS = ['WindowLevelTool', 'PanTool', 'ZoomTool', 'StackScrollTool', 'LengthTool', 'AngleTool',
  'EllipticalROITool'];
// Tools a left drag can hold; the others keep their own buttons (wheel, middle, right).
const LEFT_TOOLS = ['WindowLevel', 'Pan', 'Zoom', 'Length', 'Angle', 'EllipticalROI'];
let engines = 0;

/**
 * A stack viewer over Cornerstone3D, rendered into the light DOM (Cornerstone finds its elements there).
 * Cornerstone is imported dynamically: if it fails in a browser, the rest of the page still works.
 */
class RrViewer extends LitElement {
  static properties = {
    door: { type: String },
    seriesJson: { type: String },
    status: { state: true },
    slice: { state: true },
    active: { state: true },
  };

  createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.status = 'loading';
    this.slice = '';
    this.active = 'WindowLevel';
  }

  get series() {
    return JSON.parse(this.seriesJson || '[]');
  }

  render() {
    const tool = (name, label) => html`<button class="rr-tool ${this.active === name ? 'rr-active' : ''}"
      data-tool=${name} @click=${() => this.useTool(name)}>${label}</button>`;
    return html`
      <div class="rr-viewer-bar" style="display:flex;flex-wrap:wrap;gap:.3em;align-items:center;margin-bottom:.3em">
        <select id="rr-series" @change=${(e) => this.show(e.target.value)}>
          ${this.series.map((s) => html`<option value=${s.uid}>${s.label}</option>`)}
        </select>
        ${tool('WindowLevel', 'W/L')} ${tool('Pan', 'Pan')} ${tool('Zoom', 'Zoom')} ${tool('Length', 'Length')}
        ${tool('Angle', 'Angle')} ${tool('EllipticalROI', 'ROI (HU)')}
        ${Object.keys(PRESETS).map((p) => html`<button class="rr-preset" data-preset=${p}
          @click=${() => this.preset(p)}>${p}</button>`)}
        <button id="rr-cine" @click=${this.toggleCine}>${this.playing ? 'Stop' : 'Cine'}</button>
        <span id="rr-slice">${this.slice}</span>
        <span id="rr-viewer-status" data-status=${this.status.startsWith('failed') ? 'failed' : this.status}
          style="margin-left:auto;color:var(--lumo-secondary-text-color)">${this.status}</span>
      </div>
      <div id="rr-viewport" tabindex="0" @keydown=${this.key} @contextmenu=${(e) => e.preventDefault()}
        style="width:100%;height:520px;background:#000;position:relative"></div>`;
  }

  async firstUpdated() {
    try {
      const { core, tools, loader } = await import('./rr-cornerstone.js');
      this.cs = { core, tools, loader };
      await core.init();
      if (!webGl()) {
        core.setUseCPURendering(true);
      }
      loader.init({ maxWebWorkers: Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) });
      tools.init();
      const missing = TOOLS.filter((name) => !tools[name]);
      if (missing.length > 0) {
        throw new Error(`Cornerstone tools came without ${missing.join(', ')}`);
      }
      const classes = TOOLS.map((name) => tools[name]);
      for (const t of classes) {
        if (!tools.state.tools[t.toolName]) {
          tools.addTool(t);
        }
      }
      const id = ++engines;
      this.group = tools.ToolGroupManager.createToolGroup(`rr-tools-${id}`);
      classes.forEach((t) => this.group.addTool(t.toolName));
      const { MouseBindings } = tools.Enums;
      this.group.setToolActive(tools.StackScrollTool.toolName, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
      this.useTool('WindowLevel');
      this.element = this.querySelector('#rr-viewport');
      this.engine = new core.RenderingEngine(`rr-engine-${id}`);
      this.engine.enableElement({ viewportId: VIEWPORT, type: core.Enums.ViewportType.STACK, element: this.element });
      this.group.addViewport(VIEWPORT, this.engine.id);
      this.element.addEventListener(core.Enums.Events.STACK_NEW_IMAGE, () => this.showSlice());
      this.element.addEventListener(core.Enums.Events.IMAGE_RENDERED, () => {
        if (this.status !== 'ready') {
          this.status = 'ready';
        }
      });
      if (this.series.length > 0) {
        await this.show(this.series[0].uid);
      } else {
        this.status = 'no images in this study';
      }
    } catch (e) {
      console.error('viewer failed', e);
      this.status = `failed: ${e.message} ${(e.stack || '').split('\n').slice(0, 3).join(' | ')}`;
    }
  }

  async show(seriesUid) {
    const { loader, tools } = this.cs;
    this.status = 'loading';
    const response = await fetch(`${this.door}/series/${seriesUid}/metadata`, { credentials: 'same-origin' });
    if (!response.ok) {
      this.status = `failed: the series could not be loaded (${response.status})`;
      return;
    }
    const instances = await response.json();
    const base = `wadors:${location.origin}${this.door}/series/${seriesUid}/instances`;
    const imageIds = instances.map((m) => {
      const imageId = `${base}/${m['00080018'].Value[0]}/frames/1`;
      loader.wadors.metaDataManager.add(imageId, m);
      return imageId;
    });
    const viewport = this.engine.getViewport(VIEWPORT);
    // The middle slice first; stackPrefetch then loads outward from the slice in view.
    await viewport.setStack(imageIds, Math.floor(imageIds.length / 2));
    viewport.render();
    tools.utilities.stackPrefetch.enable(this.element);
    this.showSlice();
  }

  showSlice() {
    const viewport = this.engine && this.engine.getViewport(VIEWPORT);
    if (viewport && viewport.getImageIds) {
      this.slice = `${viewport.getCurrentImageIdIndex() + 1} / ${viewport.getImageIds().length}`;
    }
  }

  useTool(name) {
    if (!this.group) {
      return;
    }
    const { MouseBindings } = this.cs.tools.Enums;
    for (const other of LEFT_TOOLS.filter((t) => t !== name && t !== 'Pan' && t !== 'Zoom')) {
      this.group.setToolPassive(other);
    }
    // Pan and Zoom keep their middle and right buttons; the left one goes to the tool chosen.
    const keep = { Pan: MouseBindings.Auxiliary, Zoom: MouseBindings.Secondary };
    for (const [tool, button] of Object.entries(keep)) {
      const bindings = [{ mouseButton: button }];
      if (tool === name) {
        bindings.push({ mouseButton: MouseBindings.Primary });
      }
      this.group.setToolActive(tool, { bindings });
    }
    if (!keep[name]) {
      this.group.setToolActive(name, { bindings: [{ mouseButton: MouseBindings.Primary }] });
    }
    this.active = name;
  }

  preset(name) {
    const [center, width] = PRESETS[name];
    const viewport = this.engine.getViewport(VIEWPORT);
    viewport.setProperties({ voiRange: { lower: center - width / 2, upper: center + width / 2 } });
    viewport.render();
  }

  key(e) {
    const delta = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 }[e.key];
    if (delta && this.engine) {
      e.preventDefault();
      this.cs.core.utilities.scroll(this.engine.getViewport(VIEWPORT), { delta });
    }
  }

  toggleCine() {
    const { cine } = this.cs.tools.utilities;
    if (this.playing) {
      cine.stopClip(this.element);
    } else {
      cine.playClip(this.element, { framesPerSecond: 12 });
    }
    this.playing = !this.playing;
    this.requestUpdate();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.engine) {
      this.engine.destroy();
      this.cs.tools.ToolGroupManager.destroyToolGroup(this.group.id);
    }
  }
}

function webGl() {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch (e) {
    return false;
  }
}

customElements.define('rr-viewer', RrViewer);
