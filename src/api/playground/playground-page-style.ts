/** The playground page's stylesheet: a Telegram-like chat that works from phone width up, light and dark. */
export const PLAYGROUND_STYLE = String.raw`
:root {
  color-scheme: light dark;
  --bg: #dfe7d8; --panel: #ffffff; --text: #0f1419; --muted: #5b6770; --accent: #2f7fc1; --accent-text: #ffffff;
  --mine: #e3f8cf; --theirs: #ffffff; --button: rgba(47, 127, 193, 0.12); --button-text: #1d5f95; --border: #d3d9de;
  --focus: #f5a623; --code: rgba(0, 0, 0, 0.06); --shadow: 0 1px 1px rgba(0, 0, 0, 0.12);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1621; --panel: #17212b; --text: #e9edf1; --muted: #8b9aa7; --accent: #5ea8e6; --accent-text: #0e1621;
    --mine: #2b5278; --theirs: #182533; --button: rgba(94, 168, 230, 0.16); --button-text: #9fd0ff; --border: #2a3947;
    --code: rgba(255, 255, 255, 0.08); --shadow: none;
  }
}
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body { background: var(--bg); color: var(--text); display: flex; justify-content: center; }
.app { display: flex; flex-direction: column; width: 100%; max-width: 760px; height: 100vh; height: 100dvh; background: var(--bg); }
header { display: flex; align-items: center; gap: 0.75rem; padding: 0.6rem 0.9rem; background: var(--panel); border-bottom: 1px solid var(--border); }
.avatar { flex: none; width: 2.4rem; height: 2.4rem; border-radius: 50%; background: linear-gradient(135deg, #4fb3f6, #2f7fc1); color: #fff;
  display: grid; place-items: center; font-weight: 700; }
.title { flex: 1; min-width: 0; }
.title h1 { font-size: 1.02rem; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.title p { margin: 0; font-size: 0.8rem; color: var(--muted); }
.title p.offline { color: #c0392b; }
.who { display: flex; align-items: center; gap: 0.35rem; font-size: 0.85rem; color: var(--muted); }
.who select { font: inherit; color: var(--text); background: var(--panel); border: 1px solid var(--border); border-radius: 0.5rem; padding: 0.3rem 0.4rem; }
main { flex: 1; overflow-y: auto; padding: 0.8rem 0.6rem; }
ol.log { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.45rem; }
.empty { text-align: center; color: var(--muted); font-size: 0.9rem; margin-top: 2rem; }
.msg { display: flex; flex-direction: column; align-items: flex-start; max-width: min(85%, 34rem); }
.msg.mine { align-self: flex-end; align-items: stretch; }
.msg.theirs { align-self: flex-start; align-items: stretch; }
.bubble { background: var(--theirs); border-radius: 1rem 1rem 1rem 0.3rem; padding: 0.45rem 0.7rem 0.3rem; box-shadow: var(--shadow);
  overflow-wrap: anywhere; white-space: pre-wrap; line-height: 1.35; }
.bubble img.photo { display: block; max-width: 100%; height: auto; border-radius: 0.6rem; margin: 0.2rem 0; }
.mine .bubble { background: var(--mine); border-radius: 1rem 1rem 0.3rem 1rem; }
.sender { font-size: 0.8rem; font-weight: 600; color: var(--accent); margin-bottom: 0.1rem; white-space: normal; }
.reply-ref { border-left: 3px solid var(--accent); padding: 0.1rem 0.45rem; margin: 0.1rem 0 0.3rem; font-size: 0.82rem; color: var(--muted);
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; background: var(--code); border-radius: 0.25rem; }
.meta { display: flex; justify-content: flex-end; gap: 0.4rem; font-size: 0.7rem; color: var(--muted); margin-top: 0.15rem; white-space: normal; }
.text code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: 0 0.2em; border-radius: 0.2em; font-size: 0.92em; }
.text pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: 0.4rem; border-radius: 0.4rem; margin: 0.2rem 0; overflow-x: auto; white-space: pre; }
.text blockquote { margin: 0.2rem 0; padding: 0.1rem 0.5rem; border-left: 3px solid var(--accent); background: var(--code); border-radius: 0.25rem; }
.text a { color: var(--accent); }
.spoiler { background: var(--muted); color: transparent; border-radius: 0.2em; cursor: pointer; }
.spoiler.revealed { background: transparent; color: inherit; cursor: auto; }
.keyboard { display: flex; flex-direction: column; gap: 0.25rem; margin-top: 0.25rem; }
.keyboard .row { display: flex; gap: 0.25rem; }
.kbd { flex: 1 1 0; min-width: 0; min-height: 2.3rem; font: inherit; font-size: 0.9rem; font-weight: 500; color: var(--button-text); background: var(--button);
  border: 0; border-radius: 0.6rem; padding: 0.35rem 0.6rem; cursor: pointer; text-decoration: none; display: inline-flex; align-items: center; justify-content: center; text-align: center; }
.kbd:hover { filter: brightness(0.95); }
.kbd[aria-busy="true"] { opacity: 0.6; cursor: progress; }
.kbd[aria-busy="true"]::after { content: " ⏳"; }
.kbd:disabled { opacity: 0.5; cursor: not-allowed; }
.typing { min-height: 1.3rem; padding: 0 0.9rem; font-size: 0.8rem; color: var(--muted); font-style: italic; }
footer { background: var(--panel); border-top: 1px solid var(--border); padding: 0.5rem 0.6rem calc(0.5rem + env(safe-area-inset-bottom)); }
.chips { display: flex; gap: 0.4rem; overflow-x: auto; padding-bottom: 0.45rem; scrollbar-width: thin; }
.chip { flex: none; font: inherit; font-size: 0.85rem; color: var(--button-text); background: var(--button); border: 0; border-radius: 999px; padding: 0.35rem 0.75rem; cursor: pointer; }
form.composer { display: flex; gap: 0.5rem; align-items: flex-end; }
form.composer textarea { flex: 1; resize: none; font: inherit; font-size: 1rem; color: var(--text); background: var(--bg); border: 1px solid var(--border);
  border-radius: 1.1rem; padding: 0.55rem 0.85rem; max-height: 8rem; min-height: 2.5rem; line-height: 1.3; }
form.composer button { flex: none; font: inherit; font-weight: 600; color: var(--accent-text); background: var(--accent); border: 0; border-radius: 1.1rem; padding: 0.6rem 1rem; cursor: pointer; }
form.composer button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, a:focus-visible, select:focus-visible, textarea:focus-visible, .spoiler:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.toast { position: fixed; left: 50%; bottom: 7.5rem; transform: translateX(-50%); max-width: min(90vw, 26rem); background: rgba(20, 26, 33, 0.92); color: #fff;
  padding: 0.6rem 1rem; border-radius: 0.8rem; font-size: 0.92rem; text-align: center; opacity: 0; pointer-events: none; transition: opacity 0.2s; }
.toast.visible { opacity: 1; }
dialog { border: 0; border-radius: 0.9rem; padding: 1.1rem 1.2rem 0.9rem; max-width: min(90vw, 24rem); background: var(--panel); color: var(--text); box-shadow: 0 10px 30px rgba(0, 0, 0, 0.3); }
dialog::backdrop { background: rgba(0, 0, 0, 0.4); }
dialog p { margin: 0 0 1rem; white-space: pre-wrap; }
dialog form { display: flex; justify-content: flex-end; }
dialog button { font: inherit; font-weight: 600; color: var(--accent); background: transparent; border: 0; padding: 0.4rem 0.8rem; cursor: pointer; border-radius: 0.5rem; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
@media (max-width: 480px) { .who .label-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0); } .msg { max-width: 92%; } header { padding: 0.5rem 0.6rem; } }
@media (prefers-reduced-motion: reduce) { .toast { transition: none; } }
`;
