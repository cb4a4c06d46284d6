/// <reference types="vite/client" />

/** pdf.js's ES module build has its types under the package's main entry. */
declare module 'pdfjs-dist/build/pdf.mjs' {
  export * from 'pdfjs-dist';
}
