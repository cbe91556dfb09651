import { LitElement, html, css } from 'lit';
import * as tus from 'tus-js-client';

// Several uploads at once keep the link busy while each one's requests go back and forth.
const PARALLEL = 6;
// A folder's small files travel packed into bundles, one upload each: a tus upload costs two round trips and the
// server forces each request to disk, which for half-megabyte CT slices took far longer than their bytes.
const BUNDLE_BYTES = 16 * 1024 * 1024;
const BUNDLE_FILES = 500;
const LOOK_AT_ONCE = 64;
// The list is drawn at most this often: redrawing hundreds of rows on every progress event starves the uploads.
const REDRAW_MS = 250;
// Reports of finished files are asked for together, this often.
const REPORTS_MS = 250;
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
    let bundle = [];
    let bundled = 0;
    const closeBundle = () => {
      // A bundle of one is just that file.
      if (bundle.length > 0) {
        this.waiting.push({ items: bundle, bundle: bundle.length > 1 });
      }
      bundle = [];
      bundled = 0;
    };
    // Files are looked at a group at a time, all of a group at once, and the first bundles leave while later
    // files are still being looked at: reading each file's first bytes one after another held a big folder back.
    for (let start = 0; start < files.length; start += LOOK_AT_ONCE) {
      const group = files.slice(start, start + LOOK_AT_ONCE);
      const kinds = await Promise.all(group.map(({ file, path }) => kindOf(file, path)));
      group.forEach(({ file, path }, i) => {
        const item = { file, path, size: file.size, sent: 0, state: 'waiting' };
        const kind = kinds[i];
        if (kind.skip) {
          item.state = 'skipped';
          item.reason = kind.skip;
        } else if (kind.zip || item.size >= BUNDLE_BYTES) {
          this.waiting.push({ items: [item], bundle: false });
        } else {
          if (bundled + item.size > BUNDLE_BYTES || bundle.length === BUNDLE_FILES) {
            closeBundle();
          }
          bundle.push(item);
          bundled += item.size;
        }
        this.items.push(item);
      });
      this.next();
    }
    closeBundle();
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

  /** Sends one file alone, or several small files as one bundle; resolves when the upload ends either way. */
  send(unit) {
    const { items } = unit;
    const what = unit.bundle ? this.bundle(items) : this.single(items[0]);
    return new Promise((resolve) => {
      const upload = new tus.Upload(what.body, {
        endpoint: this.endpoint,
        chunkSize: CHUNK,
        retryDelays: RETRY_DELAYS,
        metadata: what.metadata,
        headers: { [this.csrfHeader]: this.csrfToken },
        // The same files chosen again by the same uploader (after a reload, say) resume their upload.
        fingerprint: async () => what.fingerprint,
        removeFingerprintOnSuccess: true,
        onProgress: (sent) => {
          items.forEach((i) => { i.sent = Math.min(Math.max(sent - i.offset, 0), i.size); });
          this.redraw();
        },
        onError: (error) => {
          items.forEach((i) => {
            i.state = 'error';
            i.reason = reasonOf(error);
          });
          this.redraw();
          resolve();
        },
        onSuccess: () => {
          items.forEach((i) => {
            i.sent = i.size;
            i.state = 'checking';
          });
          this.redraw();
          resolve();
          this.awaitReport(unit, upload.url);
        },
      });
      items.forEach((i) => { i.state = 'uploading'; });
      upload.findPreviousUploads().then((previous) => {
        if (previous.length > 0) {
          upload.resumeFromPreviousUpload(previous[0]);
          items.forEach((i) => { i.resumed = true; });
        }
        upload.start();
      });
    });
  }

  single(item) {
    item.offset = 0;
    return {
      body: item.file,
      metadata: { filename: item.file.name, filetype: item.file.type || 'application/octet-stream',
        relativePath: item.path },
      fingerprint: ['radrelay', this.uploader, item.path, item.size, item.file.lastModified].join('|'),
    };
  }

  /**
   * Small files packed as one multipart body (each part a file, its path in Content-Location). The Blob only
   * refers to the files, so nothing is copied into memory, and the same files make the same bytes again, so a
   * bundle resumes after a reload like a single file.
   */
  bundle(items) {
    const key = hash(items.map((i) => [i.path, i.size, i.file.lastModified].join('|')).join('\n'));
    const boundary = `radrelay-bundle-${key}`;
    const encoder = new TextEncoder();
    const parts = [];
    let offset = 0;
    for (const item of items) {
      const head = encoder.encode(`--${boundary}\r\nContent-Type: application/dicom\r\n`
        + `Content-Location: ${encodeURIComponent(item.path)}\r\n\r\n`);
      parts.push(head, item.file, CRLF);
      item.offset = offset + head.length;
      offset = item.offset + item.size + CRLF.length;
    }
    parts.push(encoder.encode(`--${boundary}--\r\n`));
    return {
      body: new Blob(parts, { type: `multipart/related; type="application/dicom"; boundary=${boundary}` }),
      metadata: { filename: `${items.length} files`, filetype: 'multipart/related', relativePath: '',
        bundleBoundary: boundary },
      fingerprint: ['radrelay', this.uploader, 'bundle', key].join('|'),
    };
  }

  awaitReport(unit, url) {
    this.checking.set(url.substring(url.lastIndexOf('/') + 1), unit);
    if (!this.polling) {
      this.polling = true;
      setTimeout(() => this.collectReports(), REPORTS_MS);
    }
  }

  /** Asks the server for the reports of every upload it is checking, in one call, until none is left. */
  async collectReports() {
    try {
      const reports = JSON.parse(await this.$server.reports(JSON.stringify([...this.checking.keys()])));
      for (const [id, report] of Object.entries(reports)) {
        const unit = this.checking.get(id);
        if (unit && report.done) {
          if (unit.bundle) {
            assignBundleReport(unit.items, report);
          } else {
            unit.items[0].report = report;
          }
          unit.items.forEach((i) => { i.state = 'done'; });
          this.checking.delete(id);
        }
      }
      // Results are few and the uploader waits for them: drawn at once, not at the next progress redraw.
      this.requestUpdate();
    } finally {
      if (this.checking.size > 0) {
        setTimeout(() => this.collectReports(), REPORTS_MS);
      } else {
        this.polling = false;
      }
    }
  }
}

const CRLF = new Uint8Array([13, 10]);

/**
 * A bundle's report names each file by its path; a problem with the bundle as a whole (it arrived damaged, say)
 * goes to every file that has no report of its own.
 */
function assignBundleReport(items, report) {
  const byPath = new Map();
  const whole = [];
  for (const entry of report.entries) {
    const item = items.find((i) => i.path === entry.name);
    if (item) {
      byPath.set(item, [...(byPath.get(item) || []), entry]);
    } else {
      whole.push(entry);
    }
  }
  for (const item of items) {
    const own = byPath.get(item);
    item.report = { ...report, entries: own || (whole.length > 0 ? whole
      : [{ name: item.path, outcome: 'FAILED', reason: 'the server reported nothing for this file; upload it again' }]) };
  }
}

/** 128 bits of a fast non-cryptographic hash (two rounds of cyrb53's mix), as hex: names a bundle's contents. */
function hash(text) {
  let out = '';
  for (const seed of [0x9e3779b9, 0x85ebca6b]) {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    out += (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }
  return out;
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

/** Whether a file is skipped (with the reason) or sent, and whether it is a zip archive. */
async function kindOf(file, path) {
  const name = path.split('/').pop();
  if (name.toUpperCase() === 'DICOMDIR') {
    return { skip: 'DICOMDIR, the index of a CD: the images it lists are their own files' };
  }
  const head = new Uint8Array(await file.slice(0, 132).arrayBuffer());
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
  const part10 = head.length === 132 && String.fromCharCode(...head.slice(128, 132)) === 'DICM';
  const bare = head.length >= 8 && (head[0] === 2 || head[0] === 8) && head[1] === 0;
  return zip || part10 || bare ? { zip } : { skip: 'not a DICOM file' };
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
