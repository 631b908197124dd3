import { defineConfig } from "vite";

// Built into the krytend crate, which embeds it: `cargo install --path
// krytend` gives a daemon with the UI and needs no Node.js.
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "../krytend/ui",
    emptyOutDir: true,
    target: "es2022",
    // No source maps and no inline assets: the CSP allows only files.
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
} as any);
