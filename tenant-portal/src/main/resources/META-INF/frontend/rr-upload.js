import { LitElement, html, css } from 'lit';
import * as tus from 'tus-js-client';

// Several files at once keep the link busy while each small file's requests go back and forth.
const PARALLEL = 6;
// The list is drawn at most this often: redrawing hundreds of rows on every progress event starves the uploads.
const REDRAW_MS = 250;
// Reports of finished files are asked for together, this often.
const REPORTS_MS = 500;
const CHUNK = 16 * 1024 * 1024;
// tus-js-client retries a dropped request after each delay in turn, then gives up on that file.
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000, 120000];

/**
 * Resumable upload of files, folders and zip archives (tus). Files that are not DICOM or zip are skipped and
 * listed before any byte is sent; the server checks each completed file and reports what became of it.
 */
class RrUpload extends LitElement {
  static properties = {
    endpoint: { type: String },
    csrfHeader: { type: String },
    csrfToken: { type: String },
    uploader: { type: String },
    items: { state: true },
  };

  static styles = css`
    :host { display: block; }
    .drop { border: 2px dashed var(--lumo-contrast-30pct, #999); border-radius: 8px; padding: 1.5em;
      text-align: center; }
    .drop.over { background: var(--lumo-primary-color-10pct, #eef); border-color: var(--lumo-primary-color, #36c); }
    .picker { position: absolute; width: 1px; height: 1px; opacity: 0; overflow: hidden; }
    button { font: inherit; margin: 0.3em; padding: 0.4em 1em; cursor: pointer; }
    .overall { margin: 1em 0 0.5em; }
    progress { width: 100%; height: 0.9em; }
    table { width: 100%; border-collapse: collapse; font-size: var(--lumo-font-size-s, 0.9em); }
    td { padding: 0.25em 0.5em; border-bottom: 1px solid var(--lumo-contrast-10pct, #eee); vertical-align: top; }
    td.size { white-space: nowrap; text-align: right; }
    .stored, .duplicate { color: var(--lumo-success-text-color, #080); }
    .rejected, .failed, .error { color: var(--lumo-error-text-color, #b00); }
    .skipped { color: var(--lumo-secondary-text-color, #666); }
    ul { margin: 0.2em 0; padding-left: 1.2em; }
  `;

  constructor() {
    super();
    this.items = [];
    this.waiting = [];
    this.running = 0;
    this.startedAt = 0;
    this.sentAtStart = 0;
    this.checking = new Map();
  }

  /** Coalesces redraws: progress events arrive far more often than anyone can read them. */
  redraw() {
    if (!this.redrawPending) {
      this.redrawPending = true;
      setTimeout(() => {
        this.redrawPending = false;
        this.requestUpdate();
      }, REDRAW_MS);
    }
  }

  render() {
    const counted = this.items.filter((i) => i.state !== 'skipped');
    const total = counted.reduce((s, i) => s + i.size, 0);
    const sent = counted.reduce((s, i) => s + i.sent, 0);
    const finished = this.items.filter((i) => ['done', 'skipped', 'error'].includes(i.state)).length;
    return html`
      <div class="drop" id="drop" @dragover=${this.dragOver} @dragleave=${this.dragLeave} @drop=${this.dropped}>
        <div>Drop files, folders (a CD copied to disk) or zip archives here, or</div>
        <button id="pick-files" @click=${() => this.renderRoot.getElementById('files').click()}>Choose files</button>
        <button id="pick-folder" @click=${() => this.renderRoot.getElementById('folder').click()}>Choose a folder</button>
        <input id="files" class="picker" type="file" multiple @change=${this.picked}>
        <input id="folder" class="picker" type="file" webkitdirectory multiple @change=${this.picked}>
        <div>If the connection drops, the upload carries on where it stopped; after closing the page, choose the
          same files again to resume.</div>
      </div>
      ${this.items.length === 0 ? '' : html`
        <div class="overall" id="overall">
          <progress max=${Math.max(total, 1)} value=${sent}></progress>
          <div id="overall-text">${percent(sent, total)} · ${bytes(sent)} of ${bytes(total)} · ${finished} of
            ${this.items.length} files finished${this.timeLeft(sent, total)}</div>
        </div>
        <table id="items">${this.items.map((i) => this.row(i))}</table>`}
    `;
  }

  row(item) {
    return html`<tr class="item" data-state=${item.state} data-resumed=${item.resumed ? 'true' : 'false'}>
      <td class="name">${item.path}</td>
      <td class="size">${bytes(item.size)}</td>
      <td class="state">${this.describe(item)}</td>
    </tr>`;
  }

  describe(item) {
    switch (item.state) {
      case 'waiting': return 'waiting';
      case 'uploading': return html`<progress max=${Math.max(item.size, 1)} value=${item.sent}></progress>
        ${percent(item.sent, item.size)}${item.resumed ? ' (resumed)' : ''}`;
      case 'checking': return 'uploaded, checking…';
      case 'skipped': return html`<span class="skipped">skipped: ${item.reason}</span>`;
      case 'error': return html`<span class="error">not uploaded: ${item.reason}</span>`;
      case 'done': return this.outcome(item.report);
      default: return item.state;
    }
  }

  outcome(report) {
    const entries = report.entries;
    if (entries.length === 1) {
      const e = entries[0];
      return html`<span class=${e.outcome.toLowerCase()}>${words(e)}</span>`;
    }
    const counts = {};
    entries.forEach((e) => { counts[e.outcome] = (counts[e.outcome] || 0) + 1; });
    const problems = entries.filter((e) => e.outcome !== 'STORED' && e.outcome !== 'DUPLICATE');
    return html`<span>${Object.entries(counts).map(([o, n]) => `${n} ${o.toLowerCase()}`).join(', ')}</span>
      ${problems.length === 0 ? '' : html`<ul>${problems.map((e) =>
        html`<li class=${e.outcome.toLowerCase()}>${e.name}: ${words(e)}</li>`)}</ul>`}`;
  }

  timeLeft(sent, total) {
    const active = this.items.some((i) => i.state === 'uploading' || i.state === 'waiting');
    const elapsed = (Date.now() - this.startedAt) / 1000;
    const rate = (sent - this.sentAtStart) / Math.max(elapsed, 0.001);
    if (!active || elapsed < 2 || rate <= 0) {
      return '';
    }
    return ` · about ${duration((total - sent) / rate)} left`;
  }

  dragOver(e) {
    e.preventDefault();
    this.renderRoot.getElementById('drop').classList.add('over');
  }

  dragLeave() {
    this.renderRoot.getElementById('drop').classList.remove('over');
  }

  async dropped(e) {
    e.preventDefault();
    this.dragLeave();
    const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter((x) => x);
    const files = [];
    for (const entry of entries) {
      await collect(entry, files);
    }
    this.add(files);
  }

  picked(e) {
    const files = [...e.target.files].map((f) => ({ file: f, path: f.webkitRelativePath || f.name }));
    e.target.value = '';
    this.add(files);
  }

  async add(files) {
    if (this.waiting.length === 0 && this.running === 0) {
      this.startedAt = Date.now();
      this.sentAtStart = this.items.filter((i) => i.state !== 'skipped').reduce((s, i) => s + i.sent, 0);
    }
    for (const { file, path } of files) {
      const item = { file, path, size: file.size, sent: 0, state: 'waiting' };
      const skip = await reasonToSkip(file, path);
      if (skip) {
        item.state = 'skipped';
        item.reason = skip;
      } else {
        this.waiting.push(item);
      }
      this.items.push(item);
    }
    this.requestUpdate();
    this.next();
  }

  next() {
    while (this.running < PARALLEL && this.waiting.length > 0) {
      this.running++;
      this.send(this.waiting.shift()).finally(() => {
        this.running--;
        this.next();
      });
    }
    this.redraw();
  }

  send(item) {
    return new Promise((resolve) => {
      const upload = new tus.Upload(item.file, {
        endpoint: this.endpoint,
        chunkSize: CHUNK,
        retryDelays: RETRY_DELAYS,
        metadata: { filename: item.file.name, filetype: item.file.type || 'application/octet-stream',
          relativePath: item.path },
        headers: { [this.csrfHeader]: this.csrfToken },
        // The same file chosen again by the same uploader (after a reload, say) resumes its upload.
        fingerprint: async (file) => ['radrelay', this.uploader, item.path, file.size, file.lastModified].join('|'),
        removeFingerprintOnSuccess: true,
        onProgress: (sent) => {
          item.sent = sent;
          this.redraw();
        },
        onError: (error) => {
          item.state = 'error';
          item.reason = reasonOf(error);
          this.redraw();
          resolve();
        },
        onSuccess: () => {
          item.sent = item.size;
          item.state = 'checking';
          this.redraw();
          resolve();
          this.awaitReport(item, upload.url);
        },
      });
      item.state = 'uploading';
      upload.findPreviousUploads().then((previous) => {
        if (previous.length > 0) {
          upload.resumeFromPreviousUpload(previous[0]);
          item.resumed = true;
        }
        upload.start();
      });
    });
  }

  awaitReport(item, url) {
    this.checking.set(url.substring(url.lastIndexOf('/') + 1), item);
    if (!this.polling) {
      this.polling = true;
      setTimeout(() => this.collectReports(), REPORTS_MS);
    }
  }

  /** Asks the server for the reports of every file it is checking, in one call, until none is left. */
  async collectReports() {
    try {
      const reports = JSON.parse(await this.$server.reports(JSON.stringify([...this.checking.keys()])));
      for (const [id, report] of Object.entries(reports)) {
        const item = this.checking.get(id);
        if (item && report.done) {
          item.report = report;
          item.state = 'done';
          this.checking.delete(id);
        }
      }
      this.redraw();
    } finally {
      if (this.checking.size > 0) {
        setTimeout(() => this.collectReports(), REPORTS_MS);
      } else {
        this.polling = false;
      }
    }
  }
}

async function collect(entry, files) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    files.push({ file, path: entry.fullPath.replace(/^\//, '') });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    // readEntries hands out a directory in batches until it returns none.
    for (;;) {
      const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) {
        break;
      }
      for (const child of batch) {
        await collect(child, files);
      }
    }
  }
}

async function reasonToSkip(file, path) {
  const name = path.split('/').pop();
  if (name.toUpperCase() === 'DICOMDIR') {
    return 'DICOMDIR, the index of a CD: the images it lists are their own files';
  }
  const head = new Uint8Array(await file.slice(0, 132).arrayBuffer());
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
  const part10 = head.length === 132 && String.fromCharCode(...head.slice(128, 132)) === 'DICM';
  const bare = head.length >= 8 && (head[0] === 2 || head[0] === 8) && head[1] === 0;
  return zip || part10 || bare ? null : 'not a DICOM file';
}

function words(entry) {
  switch (entry.outcome) {
    case 'STORED': return 'stored' + (entry.studyUid ? ` in study ${entry.studyUid}` : '');
    case 'DUPLICATE': return 'already stored' + (entry.studyUid ? ` in study ${entry.studyUid}` : '');
    default: return `${entry.outcome.toLowerCase()}: ${entry.reason}`;
  }
}

function reasonOf(error) {
  const status = error.originalResponse ? error.originalResponse.getStatus() : 0;
  if (status === 413) {
    return 'the file is larger than the platform accepts';
  }
  if (status === 401 || status === 403) {
    return 'your session ended; sign in again and choose the file again to resume';
  }
  return 'the connection failed too many times; choose the file again to resume';
}

function bytes(n) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${n.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}

function percent(part, whole) {
  return `${whole === 0 ? 100 : Math.floor((part * 100) / whole)} %`;
}

function duration(seconds) {
  if (seconds < 60) {
    return `${Math.max(1, Math.round(seconds))} s`;
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`;
  }
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

customElements.define('rr-upload', RrUpload);
