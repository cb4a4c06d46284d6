// pdfmake 0.3 ships no types of its own; the backend declares the part it uses (PdfmakeInstance).
declare module 'pdfmake' {
  const pdfmake: unknown;
  export default pdfmake;
}
