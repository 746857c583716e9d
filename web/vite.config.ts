/// <reference types="vitest/config" />
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two entry points on one origin: the citizens' portal at / and the staff console at /staff/.
// JSX is compiled by esbuild/oxc with jsxImportSource "preact" (tsconfig): no plugin needed.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        citizen: resolve(import.meta.dirname, 'index.html'),
        staff: resolve(import.meta.dirname, 'staff/index.html'),
      },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
  },
});
