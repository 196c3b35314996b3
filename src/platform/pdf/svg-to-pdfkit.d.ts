// svg-to-pdfkit 0.1.8 ships no types; this is the part ggk uses.
declare module 'svg-to-pdfkit' {
  export default function SVGtoPDF(
    doc: PDFKit.PDFDocument,
    svg: string,
    x: number,
    y: number,
    options?: {
      width?: number;
      height?: number;
      preserveAspectRatio?: string;
      assumePt?: boolean;
      /** The name of a font registered with the document, for an SVG text's family and weight. */
      fontCallback?: (family: string, bold: boolean, italic: boolean) => string;
      warningCallback?: (message: string) => void;
    },
  ): void;
}
