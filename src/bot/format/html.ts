/** Telegram HTML needs exactly these three escaped; every user-supplied string goes through it. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Tagged template: interpolated values are escaped, the literal parts are trusted HTML. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += escapeHtml(String(value)) + (strings[i + 1] ?? '');
  });
  return out;
}
