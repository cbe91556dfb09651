import { LitElement, html } from 'lit';

// Window presets (center, width) in Hounsfield units, as radiologists name them.
const PRESETS = {
  brain: [40, 80],
  subdural: [75, 215],
  lung: [-600, 1500],
  bone: [480, 2500],
  abdomen: [60, 400],
};
const VIEWPORTS = ['rr-stack-1', 'rr-stack-2', 'rr-stack-3', 'rr-stack-4'];
// Layouts by their number of panes: columns and the height of each pane.
const LAYOUTS = { 1: { label: '1×1', columns: 1, height: 520 }, 2: { label: '1×2', columns: 2, height: 520 },
  4: { label: '2×2', columns: 2, height: 340 } };
const THUMBNAIL = 88;
// Multiplanar reconstruction: one pane per plane, over a volume built from the series in the active pane.
const MPR_PLANES = [['axial', 'Axial'], ['sagittal', 'Sagittal'], ['coronal', 'Coronal']];
const MPR_VIEWPORTS = MPR_PLANES.map(([plane]) => `rr-mpr-${plane}`);
// Fewer slices than this make no useful reconstruction.
const MPR_MIN_SLICES = 10;
const TOOLS = ['WindowLevelTool', 'PanTool', 'ZoomTool', 'StackScrollTool', 'LengthTool', 'AngleTool',
  'EllipticalROITool'];
// Tools a left drag can hold; Pan and Zoom also keep the middle and right buttons.
const LEFT_TOOLS = ['WindowLevel', 'Pan', 'Zoom', 'Length', 'Angle', 'EllipticalROI'];
let engines = 0;

/**
 * A stack viewer over Cornerstone3D with one, two or four panes (a prior study beside the current one, or several
 * series at once), a thumbnail per series, and MPR of a series in three planes, rendered into the light DOM
 * (Cornerstone finds its elements there).
 * Cornerstone is imported on demand: if it fails in a browser, the rest of the page still works.
 */
class RrViewer extends LitElement {
  static properties = {
    studiesJson: { type: String },
    status: { state: true },
    slices: { state: true },
    active: { state: true },
    layout: { state: true },
    pane: { state: true },
    mpr: { state: true },
    overlayOn: { state: true },
    overlayLabels: { state: true },
  };

  createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    this.status = 'loading';
    this.slices = ['', '', '', ''];
    this.instances = new Map();
    this.active = 'WindowLevel';
    this.layout = 1;
    this.pane = 0;
    this.mpr = null;
    // AI masks by "SOP instance UID/frame": pixels one bit each, their count, and an offscreen picture once drawn.
    this.masks = new Map();
    // AI regions (boxes) by "SOP instance UID/frame": their label and points in pixel edges.
    this.regions = new Map();
    this.overlayOn = false;
    this.overlayLabels = [];
  }

  get studies() {
    return JSON.parse(this.studiesJson || '[]');
  }

  /** Every series of every study, as the panes' choices: "study index|series UID". */
  get choices() {
    return this.studies.flatMap((study, i) => study.series.map((s) => ({
      value: `${i}|${s.uid}`, label: study.label ? `${study.label} · ${s.label}` : s.label, study: i })));
  }

  /**
   * What a pane shows first: the current study in the first, the newest prior (else the same) in the second, and
   * the current study's next series in the third and fourth.
   */
  initial(pane) {
    const choices = this.choices;
    const prior = choices.find((c) => c.study > 0);
    if (pane === 0 || (pane === 1 && !prior)) {
      return choices[0];
    }
    if (pane === 1) {
      return prior;
    }
    const current = choices.filter((c) => c.study === 0);
    return current.length === 0 ? undefined : current[(pane - 1) % current.length];
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
        <button id="rr-cine" ?disabled=${!!this.mpr} @click=${this.toggleCine}>${this.playing ? 'Stop' : 'Cine'}</button>
        ${Object.entries(LAYOUTS).map(([panes, l]) => html`<button id="rr-layout-${panes}"
          class="rr-layout ${!this.mpr && this.layout === Number(panes) ? 'rr-active' : ''}" ?disabled=${!!this.mpr}
          @click=${() => this.setLayout(Number(panes))}>${l.label}</button>`)}
        <button id="rr-mpr" class=${this.mpr ? 'rr-active' : ''} @click=${this.toggleMpr}
          title="Axial, sagittal and coronal planes of the series in the active pane">MPR</button>
        ${this.overlayLabels.length === 0 ? '' : html`<button id="rr-ai-overlay" ?disabled=${!!this.mpr}
          class=${this.overlayOn ? 'rr-active' : ''} @click=${this.toggleOverlay}
          title="AI masks and boxes (assistive, unverified): ${this.overlayLabels.join('; ')}">AI overlay</button>`}
        <span id="rr-viewer-status" data-status=${this.status.startsWith('failed') ? 'failed' : this.status}
          style="margin-left:auto;color:var(--lumo-secondary-text-color)">${this.status}</span>
      </div>
      <div id="rr-thumbnails" style="display:flex;gap:4px;overflow-x:auto;margin-bottom:4px">
        ${this.choices.map((c) => html`<button class="rr-thumbnail" data-choice=${c.value} title=${c.label}
          @click=${() => this.choose(c.value)}
          style="flex:none;padding:2px;background:#000;color:#ddd;border:1px solid #444;cursor:pointer">
          <canvas width=${THUMBNAIL * devicePixelRatio} height=${THUMBNAIL * devicePixelRatio}
            style="display:block;width:${THUMBNAIL}px;height:${THUMBNAIL}px">
          </canvas>
          <div style="width:${THUMBNAIL}px;font-size:11px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis">
            ${c.label}</div></button>`)}
      </div>
      ${this.mpr ? this.mprTemplate() : html`<div
        style="display:grid;gap:4px;grid-template-columns:repeat(${LAYOUTS[this.layout].columns},minmax(0,1fr))">
        ${[...Array(this.layout).keys()].map((n) => this.paneTemplate(n))}</div>`}`;
  }

  mprTemplate() {
    return html`<div style="display:grid;gap:4px;grid-template-columns:repeat(3,minmax(0,1fr))">
      ${MPR_PLANES.map(([plane, label]) => html`<div class="rr-pane" style="min-width:0">
        <div style="margin-bottom:2px">${label} · ${this.mpr.label}</div>
        <div id="rr-mpr-${plane}" tabindex="0" @contextmenu=${(e) => e.preventDefault()}
          style="width:100%;height:420px;background:#000;position:relative"></div>
      </div>`)}</div>`;
  }

  paneTemplate(n) {
    const suffix = paneSuffix(n);
    const first = this.initial(n);
    return html`<div class="rr-pane" style="min-width:0">
      <div style="display:flex;gap:.5em;align-items:center;margin-bottom:2px">
        <select id="rr-series${suffix}" @change=${(e) => this.show(n, e.target.value)}>
          ${this.choices.map((c) => html`<option value=${c.value} ?selected=${first && c.value === first.value}>
            ${c.label}</option>`)}
        </select>
        <span id="rr-slice${suffix}">${this.slices[n]}</span>
      </div>
      <div id="rr-viewport${suffix}" tabindex="0" @keydown=${(e) => this.key(n, e)} @mousedown=${() => { this.pane = n; }}
        @contextmenu=${(e) => e.preventDefault()}
        style="width:100%;height:${LAYOUTS[this.layout].height}px;background:#000;position:relative;
          outline:2px solid ${this.layout > 1 && this.pane === n ? 'var(--lumo-primary-color, #1676f3)' : 'transparent'}">
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
      this.loadOverlays();
    } catch (e) {
      console.error('viewer failed', e);
      this.status = `failed: ${e.message}`;
    }
  }

  async enablePane(n) {
    const { core, tools } = this.cs;
    const element = this.querySelector(`#rr-viewport${paneSuffix(n)}`);
    this.engine.enableElement({ viewportId: VIEWPORTS[n], type: core.Enums.ViewportType.STACK, element });
    this.group.addViewport(VIEWPORTS[n], this.engine.id);
    element.addEventListener(core.Enums.Events.STACK_NEW_IMAGE, () => this.showSlice(n));
    element.addEventListener(core.Enums.Events.IMAGE_RENDERED, () => this.drawOverlay(n));
    if (n === 0) {
      element.addEventListener(core.Enums.Events.IMAGE_RENDERED, () => {
        if (this.status !== 'ready') {
          this.status = 'ready';
          // Thumbnails wait for the first image: they must not slow down what the reader looks at first.
          this.drawThumbnails();
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

  /** A series' image ids in order, its metadata fetched once and handed to the image loader. */
  async imageIds(choice) {
    if (!this.instances.has(choice)) {
      this.instances.set(choice, (async () => {
        const { loader } = this.cs;
        const [study, seriesUid] = choice.split('|');
        const door = this.studies[Number(study)].door;
        const response = await fetch(`${door}/series/${seriesUid}/metadata`, { credentials: 'same-origin' });
        if (!response.ok) {
          throw new Error(`the series could not be loaded (${response.status})`);
        }
        // A door is a path on this server; a full DICOMweb address also works (the viewer benchmark's anchor).
        const base = `wadors:${new URL(door, location.href).href}/series/${seriesUid}/instances`;
        return (await response.json()).map((m) => {
          const imageId = `${base}/${m['00080018'].Value[0]}/frames/1`;
          loader.wadors.metaDataManager.add(imageId, m);
          return imageId;
        });
      })());
    }
    try {
      return await this.instances.get(choice);
    } catch (e) {
      this.instances.delete(choice);
      throw e;
    }
  }

  /** A series' image ids, or nothing when they could not be had (the status then says why). */
  async imageIdsOrStatus(choice) {
    try {
      return await this.imageIds(choice);
    } catch (e) {
      this.status = `failed: ${e.message}`;
      return undefined;
    }
  }

  async show(n, choice) {
    const imageIds = await this.imageIdsOrStatus(choice);
    if (!imageIds) {
      return;
    }
    const select = this.querySelector(`#rr-series${paneSuffix(n)}`);
    if (select && select.value !== choice) {
      select.value = choice;
    }
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

  /** Each series' middle image, drawn small; a click shows that series in the pane last used. */
  async drawThumbnails() {
    for (const button of this.querySelectorAll('.rr-thumbnail')) {
      try {
        const imageIds = await this.imageIds(button.dataset.choice);
        if (imageIds.length > 0) {
          // Drawn at the canvas's own size (Cornerstone's thumbnail option would make it 256 pixels wide).
          await this.cs.core.utilities.loadImageToCanvas({ canvas: button.querySelector('canvas'),
            imageId: imageIds[Math.floor(imageIds.length / 2)], useCPURendering: true });
          button.dataset.drawn = 'true';
        }
      } catch (e) {
        console.warn('thumbnail failed', button.dataset.choice, e);
      }
    }
  }

  /**
   * The masks and regions of every study on offer (AI results stored as DICOM Segmentations and SR image regions);
   * the button shows when there are any.
   */
  async loadOverlays() {
    const labels = new Set();
    for (const study of this.studies) {
      try {
        const response = await fetch(`${study.door}/overlays`, { credentials: 'same-origin' });
        if (!response.ok) {
          throw new Error(`status ${response.status}`);
        }
        for (const overlay of await response.json()) {
          labels.add(overlay.algorithm ? `${overlay.label} (${overlay.algorithm})` : overlay.label);
          for (const mask of overlay.masks) {
            const bits = Uint8Array.from(atob(mask.bits), (c) => c.charCodeAt(0));
            let count = 0;
            for (const b of bits) {
              for (let v = b; v; v &= v - 1) {
                count++;
              }
            }
            const key = `${mask.sop}/${mask.frame}`;
            const before = this.masks.get(key);
            if (before) {
              // Two masks on one image draw as one: OR their pixels.
              bits.forEach((b, i) => { before.bits[i] |= b; });
              before.count += count;
              before.picture = undefined;
            } else {
              this.masks.set(key, { rows: mask.rows, columns: mask.columns, bits, count });
            }
          }
          for (const region of overlay.regions) {
            const key = `${region.sop}/${region.frame}`;
            this.regions.set(key, [...(this.regions.get(key) || []), { label: overlay.label, points: region.points }]);
          }
        }
      } catch (e) {
        console.warn('AI overlays could not be loaded', study.door, e);
      }
    }
    this.overlayLabels = [...labels];
  }

  /**
   * Shows or hides the AI overlays; shown while the active pane's slice has none, the pane moves to the slice with
   * the largest mask (else the first with a box).
   */
  async toggleOverlay() {
    this.overlayOn = !this.overlayOn;
    const viewport = this.engine && this.engine.getViewport(VIEWPORTS[this.pane]);
    const current = viewport && viewport.getImageIds && viewport.getCurrentImageId();
    if (this.overlayOn && current && !this.maskOf(current) && !this.regionsOf(current)) {
      let best = -1;
      let most = 0;
      viewport.getImageIds().forEach((id, i) => {
        const mask = this.maskOf(id);
        const weight = mask ? mask.count + 1 : (this.regionsOf(id) ? 1 : 0);
        if (weight > most) {
          best = i;
          most = weight;
        }
      });
      if (best >= 0) {
        await viewport.setImageIdIndex(best);
      }
    }
    for (let n = 0; n < this.layout; n++) {
      this.drawOverlay(n);
    }
  }

  maskOf(imageId) {
    return this.masks.get(frameKey(imageId));
  }

  regionsOf(imageId) {
    return this.regions.get(frameKey(imageId));
  }

  /**
   * The mask and boxes of the pane's slice, in a canvas of its own over Cornerstone's, placed through the viewport's
   * own image-to-canvas mapping so that they follow zoom, pan and flips.
   */
  drawOverlay(n) {
    const element = this.querySelector(`#rr-viewport${paneSuffix(n)}`);
    const viewport = element && this.engine && this.engine.getViewport(VIEWPORTS[n]);
    if (!viewport || !viewport.getCurrentImageId) {
      return;
    }
    let canvas = element.querySelector('canvas.rr-overlay');
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.className = 'rr-overlay';
      canvas.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none';
      element.appendChild(canvas);
    }
    const width = Math.round(element.clientWidth * devicePixelRatio);
    const height = Math.round(element.clientHeight * devicePixelRatio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext('2d');
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, width, height);
    const imageId = viewport.getCurrentImageId();
    const mask = this.overlayOn && this.maskOf(imageId);
    const regions = this.overlayOn && this.regionsOf(imageId);
    if (!mask && !regions) {
      return;
    }
    try {
      const { imageData } = viewport.getImageData();
      // Pixel centres are at whole indices, so a pixel's edges are half a pixel either side.
      const at = (x, y) => viewport.worldToCanvas(imageData.indexToWorld([x - 0.5, y - 0.5, 0]));
      const r = devicePixelRatio;
      if (mask) {
        if (!mask.picture) {
          mask.picture = maskPicture(mask);
        }
        const origin = at(0, 0);
        const right = at(mask.columns, 0);
        const down = at(0, mask.rows);
        context.setTransform(r * (right[0] - origin[0]) / mask.columns, r * (right[1] - origin[1]) / mask.columns,
          r * (down[0] - origin[0]) / mask.rows, r * (down[1] - origin[1]) / mask.rows, r * origin[0],
          r * origin[1]);
        context.imageSmoothingEnabled = false;
        context.drawImage(mask.picture, 0, 0);
        context.setTransform(1, 0, 0, 1, 0, 0);
      }
      for (const region of regions || []) {
        context.strokeStyle = 'rgb(255, 214, 0)';
        context.fillStyle = 'rgb(255, 214, 0)';
        context.lineWidth = 2 * r;
        context.font = `${12 * r}px sans-serif`;
        context.beginPath();
        for (let p = 0; p < region.points.length; p += 2) {
          const [x, y] = at(region.points[p], region.points[p + 1]);
          if (p === 0) {
            context.moveTo(r * x, r * y);
          } else {
            context.lineTo(r * x, r * y);
          }
        }
        context.stroke();
        const [x, y] = at(region.points[0], region.points[1]);
        context.fillText(region.label, r * x, r * y - 4 * r);
      }
    } catch (e) {
      console.warn('AI overlay could not be placed', e);
    }
  }

  /** Takes viewports out of the tool group and the rendering engine, before their elements leave the page. */
  disable(viewportIds) {
    for (const id of viewportIds) {
      this.group.removeViewports(this.engine.id, id);
      this.engine.disableElement(id);
    }
  }

  /** A thumbnail's series into the pane last used, or, in MPR, as the reconstructed volume. */
  async choose(choice) {
    if (!this.mpr) {
      await this.show(this.pane, choice);
      return;
    }
    await this.toggleMpr();
    await this.show(this.pane, choice);
    await this.toggleMpr();
  }

  async setLayout(panes) {
    if (!this.engine || panes === this.layout) {
      return;
    }
    const before = this.layout;
    this.disable(VIEWPORTS.slice(panes, before));
    this.layout = panes;
    if (this.pane >= panes) {
      this.pane = 0;
    }
    await this.updateComplete;
    // The panes changed size: their canvases follow, keeping the images' proportions.
    this.engine.resize(true, true);
    for (let n = before; n < panes; n++) {
      await this.enablePane(n);
    }
  }

  /**
   * Switches between the stack panes and three planes (axial, sagittal, coronal) reconstructed from the series in
   * the active pane. The volume is dropped from memory on the way back: a CT of 500 slices fills hundreds of MB.
   */
  async toggleMpr() {
    if (!this.engine) {
      return;
    }
    const { core } = this.cs;
    if (this.mpr) {
      const { volumeId } = this.mpr;
      this.disable(MPR_VIEWPORTS);
      core.cache.removeVolumeLoadObject(volumeId);
      this.mpr = null;
      await this.updateComplete;
      for (let n = 0; n < this.layout; n++) {
        await this.enablePane(n);
      }
      return;
    }
    const select = this.querySelector(`#rr-series${paneSuffix(this.pane)}`);
    const choice = select.value;
    const imageIds = await this.imageIdsOrStatus(choice);
    if (!imageIds) {
      return;
    }
    if (imageIds.length < MPR_MIN_SLICES) {
      this.status = `MPR needs a series of at least ${MPR_MIN_SLICES} slices`;
      setTimeout(() => { this.status = 'ready'; }, 4000);
      return;
    }
    if (this.playing) {
      this.toggleCine();
    }
    this.disable(VIEWPORTS.slice(0, this.layout));
    const volumeId = `cornerstoneStreamingImageVolume:rr-mpr-${choice}`;
    this.mpr = { volumeId, label: select.selectedOptions[0].textContent.trim() };
    await this.updateComplete;
    try {
      const volume = await core.volumeLoader.createAndCacheVolume(volumeId, { imageIds });
      MPR_PLANES.forEach(([plane], i) => {
        this.engine.enableElement({ viewportId: MPR_VIEWPORTS[i], type: core.Enums.ViewportType.ORTHOGRAPHIC,
          element: this.querySelector(`#rr-mpr-${plane}`),
          defaultOptions: { orientation: core.Enums.OrientationAxis[plane.toUpperCase()] } });
        this.group.addViewport(MPR_VIEWPORTS[i], this.engine.id);
      });
      volume.load();
      await core.setVolumesForViewports(this.engine, [{ volumeId }], MPR_VIEWPORTS);
      this.engine.renderViewports(MPR_VIEWPORTS);
      this.status = 'ready';
    } catch (e) {
      console.error('MPR failed', e);
      this.status = `failed: ${e.message}`;
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
    // In MPR the three planes show one volume: they take the window together.
    for (const id of this.mpr ? MPR_VIEWPORTS : [VIEWPORTS[this.pane]]) {
      const viewport = this.engine.getViewport(id);
      viewport.setProperties({ voiRange: { lower: center - width / 2, upper: center + width / 2 } });
      viewport.render();
    }
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
    const element = this.querySelector(`#rr-viewport${paneSuffix(this.pane)}`);
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

/** A mask as a picture of its own size: its pixels in translucent red, the rest transparent. */
function maskPicture(mask) {
  const picture = document.createElement('canvas');
  picture.width = mask.columns;
  picture.height = mask.rows;
  const context = picture.getContext('2d');
  const image = context.createImageData(mask.columns, mask.rows);
  for (let p = 0; p < mask.rows * mask.columns; p++) {
    if (mask.bits[p >> 3] & (1 << (p & 7))) {
      image.data.set([255, 48, 48, 110], p * 4);
    }
  }
  context.putImageData(image, 0, 0);
  return picture;
}

/** "SOP instance UID/frame" of a WADO-RS image id. */
function frameKey(imageId) {
  const match = /\/instances\/([^/]+)\/frames\/(\d+)$/.exec(imageId || '');
  return match ? `${match[1]}/${match[2]}` : '';
}

/** Element ids of the first pane have no suffix, the others -2, -3 and -4. */
function paneSuffix(n) {
  return n === 0 ? '' : `-${n + 1}`;
}

function webGl() {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch (e) {
    return false;
  }
}

customElements.define('rr-viewer', RrViewer);
