import { createHash } from 'node:crypto';
import { PLAYGROUND_SCRIPT } from './playground-page-script.js';
import { PLAYGROUND_STYLE } from './playground-page-style.js';

export interface PlaygroundPage {
  html: string;
  /** Allows exactly the inline script and style below and nothing from elsewhere. */
  contentSecurityPolicy: string;
}

export const SUGGESTIONS = ['/start', 'buy 0.01 btc', 'portfolio', 'price of eth'];

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The chat playground: one self-contained page, no external assets, built once per app. */
export function buildPlaygroundPage(title = 'Parley playground'): PlaygroundPage {
  const chips = SUGGESTIONS.map((text) => `<button type="button" class="chip" data-text="${escapeHtml(text)}">${escapeHtml(text)}</button>`).join('\n        ');
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <meta name="color-scheme" content="light dark">
  <link rel="icon" href="data:,">
  <title>${escapeHtml(title)}</title>
  <style>${PLAYGROUND_STYLE}</style>
</head>
<body>
  <div class="app">
    <header>
      <div class="avatar" id="avatar" aria-hidden="true">P</div>
      <div class="title">
        <h1 id="bot-name">Parley</h1>
        <p id="status" role="status">connecting…</p>
      </div>
      <label class="who" for="who"><span class="label-text">You are</span>
        <select id="who" name="who"></select>
      </label>
      <label class="who" for="chat"><span class="label-text">Chat</span>
        <select id="chat" name="chat">
          <option value="group">Group</option>
          <option value="private">Private</option>
        </select>
      </label>
    </header>
    <main aria-label="Chat">
      <ol id="log" class="log" role="log" aria-live="polite" aria-relevant="additions text" aria-label="Conversation"></ol>
    </main>
    <div class="typing" id="typing" aria-live="polite"></div>
    <footer>
      <div class="chips" role="group" aria-label="Suggestions">
        ${chips}
      </div>
      <form class="composer" id="composer" autocomplete="off">
        <label class="sr-only" for="text">Message</label>
        <textarea id="text" name="text" rows="1" maxlength="4096" placeholder="Message" enterkeyhint="send"></textarea>
        <button type="submit" id="send">Send</button>
      </form>
    </footer>
  </div>
  <div class="toast" id="toast" role="status" aria-live="polite"></div>
  <dialog id="alert" aria-labelledby="alert-text">
    <p id="alert-text"></p>
    <form method="dialog"><button type="submit" autofocus>OK</button></form>
  </dialog>
  <script>${PLAYGROUND_SCRIPT}</script>
</body>
</html>
`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${sha256(PLAYGROUND_SCRIPT)}`,
    `style-src ${sha256(PLAYGROUND_STYLE)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
