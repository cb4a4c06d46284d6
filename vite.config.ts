import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The renderer's build: renderer/ → out/renderer/, relative asset URLs (base './') so that the same build loads
 * from file:// in Electron or from any local http origin in the end-to-end tests. pdf.js's worker is bundled as
 * its own module file (imported with `?url`); nothing is fetched from the network.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    // No inline <script> or data: module (the CSP forbids both).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', strictPort: false },
  logLevel: 'warn',
});
