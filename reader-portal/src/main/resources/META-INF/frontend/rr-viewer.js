import { LitElement, html } from 'lit';

// Window presets (center, width) in Hounsfield units, as radiologists name them.
const PRESETS = {
  brain: [40, 80],
  subdural: [75, 215],
  lung: [-600, 1500],
  bone: [480, 2500],
  abdomen: [60, 400],
};
const VIEWPORTS = ['rr-stack-1', 'rr-stack-2'];
const TOOLS = ['WindowLevelTool', 'PanTool', 'ZoomTool', 'StackScrollTool', 'LengthTool', 'AngleTool',
  'EllipticalROITool'];
// Tools a left drag can hold; Pan and Zoom also keep the middle and right buttons.
const LEFT_TOOLS = ['WindowLevel', 'Pan', 'Zoom', 'Length', 'Angle', 'EllipticalROI'];
let engines = 0;

/**
 * A stack viewer over Cornerstone3D with one or two panes (a prior study beside the current one), rendered into
 * the light DOM (Cornerstone finds its elements there). Cornerstone is imported on demand: if it fails in a
 * browser, the rest of the page still works.
 */
class RrViewer extends LitElement {
  static properties = {
    studiesJson: { type: String },
    status: { state: true },
    slices: { state: true },
    active: { state: true },
    layout: { state: true },
  };

  createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.status = 'loading';
    this.slices = ['', ''];
    this.active = 'WindowLevel';
    this.layout = 1;
    this.pane = 0;
  }

  get studies() {
    return JSON.parse(this.studiesJson || '[]');
  }

  /** Every series of every study, as the panes' choices: "study index|series UID". */
  get choices() {
    return this.studies.flatMap((study, i) => study.series.map((s) => ({
      value: `${i}|${s.uid}`, label: study.label ? `${study.label} · ${s.label}` : s.label, study: i })));
  }

  /** What a pane shows first: the current study in the first, the newest prior (else the same) in the second. */
  initial(pane) {
    const choices = this.choices;
    const prior = choices.find((c) => c.study > 0);
    return pane === 0 || !prior ? choices[0] : prior;
  }

  render() {
    const tool = (name, label) => html`<button class="rr-tool ${this.active === name ? 'rr-active' : ''}"
      data-tool=${name} @click=${() => this.useTool(name)}>${label}</button>`;
    return html`
      <style>
        rr-viewer .rr-viewer-bar button { font: inherit; font-size: var(--lumo-font-size-s, .875rem);
          padding: .2em .7em; border-radius: var(--lumo-border-radius-m, 4px); cursor: pointer;
          border: 1px solid var(--lumo-contrast-20pct, #ccc); background: var(--lumo-base-color, #fff); }
        rr-viewer .rr-viewer-bar button.rr-active { background: var(--lumo-primary-color, #1676f3);
          color: var(--lumo-primary-contrast-color, #fff); }
        rr-viewer select { font: inherit; font-size: var(--lumo-font-size-s, .875rem); }
      </style>
      <div class="rr-viewer-bar" style="display:flex;flex-wrap:wrap;gap:.3em;align-items:center;margin-bottom:.3em">
        ${tool('WindowLevel', 'W/L')} ${tool('Pan', 'Pan')} ${tool('Zoom', 'Zoom')} ${tool('Length', 'Length')}
        ${tool('Angle', 'Angle')} ${tool('EllipticalROI', 'ROI (HU)')}
        ${Object.keys(PRESETS).map((p) => html`<button class="rr-preset" data-preset=${p}
          @click=${() => this.preset(p)}>${p}</button>`)}
        <button id="rr-cine" @click=${this.toggleCine}>${this.playing ? 'Stop' : 'Cine'}</button>
        <button id="rr-layout" @click=${this.toggleLayout}>${this.layout === 1 ? 'Side by side' : 'One pane'}</button>
        <span id="rr-viewer-status" data-status=${this.status.startsWith('failed') ? 'failed' : this.status}
          style="margin-left:auto;color:var(--lumo-secondary-text-color)">${this.status}</span>
      </div>
      <div style="display:flex;gap:4px">${this.paneTemplate(0)}${this.layout === 2 ? this.paneTemplate(1) : ''}</div>`;
  }

  paneTemplate(n) {
    const suffix = n === 0 ? '' : '-2';
    const first = this.initial(n);
    return html`<div class="rr-pane" style="flex:1;min-width:0">
      <div style="display:flex;gap:.5em;align-items:center;margin-bottom:2px">
        <select id="rr-series${suffix}" @change=${(e) => this.show(n, e.target.value)}>
          ${this.choices.map((c) => html`<option value=${c.value} ?selected=${first && c.value === first.value}>
            ${c.label}</option>`)}
        </select>
        <span id="rr-slice${suffix}">${this.slices[n]}</span>
      </div>
      <div id="rr-viewport${suffix}" tabindex="0" @keydown=${(e) => this.key(n, e)} @mousedown=${() => { this.pane = n; }}
        @contextmenu=${(e) => e.preventDefault()} style="width:100%;height:520px;background:#000;position:relative">
      </div>
    </div>`;
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
      this.group.setToolActive(tools.StackScrollTool.toolName,
        { bindings: [{ mouseButton: tools.Enums.MouseBindings.Wheel }] });
      this.useTool('WindowLevel');
      this.engine = new core.RenderingEngine(`rr-engine-${id}`);
      await this.enablePane(0);
    } catch (e) {
      console.error('viewer failed', e);
      this.status = `failed: ${e.message}`;
    }
  }

  async enablePane(n) {
    const { core, tools } = this.cs;
    const element = this.querySelector(n === 0 ? '#rr-viewport' : '#rr-viewport-2');
    this.engine.enableElement({ viewportId: VIEWPORTS[n], type: core.Enums.ViewportType.STACK, element });
    this.group.addViewport(VIEWPORTS[n], this.engine.id);
    element.addEventListener(core.Enums.Events.STACK_NEW_IMAGE, () => this.showSlice(n));
    if (n === 0) {
      element.addEventListener(core.Enums.Events.IMAGE_RENDERED, () => {
        if (this.status !== 'ready') {
          this.status = 'ready';
        }
      });
    }
    const first = this.initial(n);
    if (first) {
      await this.show(n, first.value);
    } else {
      this.status = 'no images in this study';
    }
    tools.utilities.stackPrefetch.enable(element);
  }

  async show(n, choice) {
    const { loader } = this.cs;
    const [study, seriesUid] = choice.split('|');
    const door = this.studies[Number(study)].door;
    const response = await fetch(`${door}/series/${seriesUid}/metadata`, { credentials: 'same-origin' });
    if (!response.ok) {
      this.status = `failed: the series could not be loaded (${response.status})`;
      return;
    }
    const instances = await response.json();
    const base = `wadors:${location.origin}${door}/series/${seriesUid}/instances`;
    const imageIds = instances.map((m) => {
      const imageId = `${base}/${m['00080018'].Value[0]}/frames/1`;
      loader.wadors.metaDataManager.add(imageId, m);
      return imageId;
    });
    const viewport = this.engine.getViewport(VIEWPORTS[n]);
    // The middle slice first; stackPrefetch then loads outward from the slice in view.
    await viewport.setStack(imageIds, Math.floor(imageIds.length / 2));
    viewport.render();
    this.showSlice(n);
  }

  showSlice(n) {
    const viewport = this.engine && this.engine.getViewport(VIEWPORTS[n]);
    if (viewport && viewport.getImageIds) {
      const slices = [...this.slices];
      slices[n] = `${viewport.getCurrentImageIdIndex() + 1} / ${viewport.getImageIds().length}`;
      this.slices = slices;
    }
  }

  async toggleLayout() {
    if (!this.engine) {
      return;
    }
    if (this.layout === 1) {
      this.layout = 2;
      await this.updateComplete;
      // The first pane is half as wide now: its canvas follows, keeping the image's proportions.
      this.engine.resize(true, true);
      await this.enablePane(1);
    } else {
      this.group.removeViewports(this.engine.id, VIEWPORTS[1]);
      this.engine.disableElement(VIEWPORTS[1]);
      this.pane = 0;
      this.layout = 1;
      await this.updateComplete;
      this.engine.resize(true, true);
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
    const viewport = this.engine.getViewport(VIEWPORTS[this.pane]);
    viewport.setProperties({ voiRange: { lower: center - width / 2, upper: center + width / 2 } });
    viewport.render();
  }

  key(n, e) {
    const delta = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 }[e.key];
    if (delta && this.engine) {
      e.preventDefault();
      this.cs.core.utilities.scroll(this.engine.getViewport(VIEWPORTS[n]), { delta });
    }
  }

  toggleCine() {
    const { cine } = this.cs.tools.utilities;
    const element = this.querySelector(this.pane === 0 ? '#rr-viewport' : '#rr-viewport-2');
    if (this.playing) {
      cine.stopClip(element);
    } else {
      cine.playClip(element, { framesPerSecond: 12 });
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
