import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Relative asset URLs: the api serves index.html with a <base href> of its base path, so one build
 * works at `/` and under any sub-path. `pnpm dev` proxies the api of a `slicescope serve` on 8080.
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'assets', sourcemap: false, chunkSizeWarningLimit: 800 },
  worker: { format: 'es' },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
