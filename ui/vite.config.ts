import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

// The app is served from Tauri's custom protocol in production; the dev server is only for UI work.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  // The stylesheet's fonts are the reports' own, in the repository's assets/fonts/.
  server: { port: 1420, strictPort: true, fs: { allow: [".", "../assets/fonts"] } },
  build: {
    target: "es2022",
    outDir: "dist",
    emptyOutDir: true,
    // No inline assets: the CSP allows only 'self'.
    assetsInlineLimit: 0,
  },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
});
