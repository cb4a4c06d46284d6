/** The format an output path asks for: OFD (GB/T 33190) when it ends in .ofd, any case; PDF otherwise. */
export function outputFormat(path: string): 'pdf' | 'ofd' {
  return /\.ofd$/i.test(path) ? 'ofd' : 'pdf';
}
