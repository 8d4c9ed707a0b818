// What the emulator needs to know of an uploaded image: its type and its size, from its header.
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffImageType(data: Uint8Array): string | undefined {
  if (PNG_SIGNATURE.every((byte, i) => data[i] === byte)) return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  return undefined;
}

/** Width and height from a PNG's IHDR or a JPEG's first SOF marker; undefined for anything else. */
export function imageSize(data: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (sniffImageType(data) === 'image/png' && data.byteLength >= 24) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (sniffImageType(data) === 'image/jpeg') {
    let at = 2;
    while (at + 9 < data.byteLength) {
      if (data[at] !== 0xff) return undefined;
      const marker = data[at + 1]!;
      const length = view.getUint16(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
      at += 2 + length;
    }
  }
  return undefined;
}
