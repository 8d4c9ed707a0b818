import { BotApiError } from './bot-api-errors.js';
import type { BotApiParams } from './bot-api-params.js';

/** A file sent in a multipart body (grammY's InputFile), kept as bytes. */
export interface UploadedFile {
  readonly kind: 'upload';
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export const isUpload = (value: unknown): value is UploadedFile => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'upload';

const CRLF_CRLF = Buffer.from('\r\n\r\n');

/**
 * The fields of a multipart/form-data body, as grammY writes one for a file upload: plain fields
 * become strings (objects JSON-encoded, as Telegram reads them), files become UploadedFile under
 * their part's name — the name an `attach://<name>` field points at.
 */
export function parseMultipart(body: Uint8Array, contentType: string): BotApiParams {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new BotApiError(400, 'Bad Request: multipart body without a boundary');
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${(boundary[1] ?? boundary[2])!.trim()}`);
  const params: BotApiParams = {};
  let at = data.indexOf(delimiter);
  if (at < 0) throw new BotApiError(400, 'Bad Request: malformed multipart body');
  for (;;) {
    at += delimiter.length;
    if (data.subarray(at, at + 2).toString() === '--') break; // the closing delimiter
    const next = data.indexOf(delimiter, at);
    if (next < 0) throw new BotApiError(400, 'Bad Request: malformed multipart body');
    // A part: CRLF, headers, CRLF CRLF, content, CRLF, then the next delimiter.
    const part = data.subarray(at + 2, next - 2);
    const split = part.indexOf(CRLF_CRLF);
    if (split < 0) throw new BotApiError(400, 'Bad Request: malformed multipart part');
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(?:;\s*filename="?([^"\r\n]*)"?)?/i.exec(headers);
    if (!disposition) throw new BotApiError(400, 'Bad Request: multipart part without a name');
    const name = disposition[1]!;
    if (disposition[2] !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream';
      params[name] = { kind: 'upload', filename: disposition[2], contentType: type, data: new Uint8Array(content) } satisfies UploadedFile;
    } else {
      params[name] = content.toString('utf8');
    }
    at = next;
  }
  return params;
}
