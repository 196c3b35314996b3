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
      warningCallback?: (message: string) => void;
    },
  ): void;
}
