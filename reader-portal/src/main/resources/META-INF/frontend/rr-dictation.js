import { LitElement, html } from 'lit';

/**
 * Dictation into a text area with the browser's own speech recognition (the Web Speech API), where the browser has
 * it: each final phrase is added at the end of the text area named by `target`, as if typed, so the server hears of
 * it like any edit. Where the browser has none, the button does not show.
 */
class RrDictation extends LitElement {
  static properties = {
    target: { type: String },
    lang: { type: String },
    listening: { state: true },
    supported: { state: true },
  };

  createRenderRoot() {
    return this;
  }

  constructor() {
    super();
    const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
    this.supported = !!Recognition;
    this.listening = false;
    this.Recognition = Recognition;
  }

  render() {
    if (!this.supported) {
      return html``;
    }
    return html`<vaadin-button theme="small ${this.listening ? 'primary' : ''}" class="rr-dictate"
      @click=${this.toggle}>${this.listening ? 'Stop dictating' : 'Dictate'}</vaadin-button>`;
  }

  toggle() {
    if (this.listening) {
      this.recognition.stop();
      return;
    }
    const recognition = new this.Recognition();
    recognition.lang = this.lang || navigator.language || 'en-GB';
    recognition.continuous = true;
    recognition.interimResults = false;
    recognition.onresult = (event) => {
      for (let i = event.resultIndex; i < event.results.length; i++) {
        if (event.results[i].isFinal) {
          this.append(event.results[i][0].transcript.trim());
        }
      }
    };
    recognition.onend = () => { this.listening = false; };
    recognition.onerror = (event) => {
      console.warn('dictation stopped', event.error);
      this.listening = false;
    };
    this.recognition = recognition;
    recognition.start();
    this.listening = true;
  }

  append(phrase) {
    const area = document.getElementById(this.target);
    if (!area || !phrase) {
      return;
    }
    const text = area.value || '';
    const joiner = text === '' || /\s$/.test(text) ? '' : ' ';
    area.value = text + joiner + phrase.charAt(0).toUpperCase() + phrase.slice(1);
    // As typing does: Vaadin sends the value on change.
    area.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

customElements.define('rr-dictation', RrDictation);
