// SVG text (from echarts' server-side renderer) to a PNG, with the system's fonts.
import { Resvg } from '@resvg/resvg-js';

export function svgToPng(svg: string, width: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' }).render().asPng();
}
