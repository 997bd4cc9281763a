/**
 * Bundles the Preact UI with esbuild once at start-up, in memory. Code
 * splitting is on so heavy views (the program editor) load only when opened.
 */
import * as esbuild from "esbuild";

export interface BundledFile {
  contents: Uint8Array;
  contentType: string;
}

export interface UiBundle {
  /** Keyed by URL path, e.g. "/assets/main.js". */
  files: Map<string, BundledFile>;
  /** Path of the entry script for the page's <script> tag. */
  entryPath: string;
  /** Path of the entry's stylesheet, when the UI imports CSS. */
  cssPath?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

export async function bundleUi(
  { minify = true }: { minify?: boolean } = {},
): Promise<UiBundle> {
  const entry = new URL("./ui/main.tsx", import.meta.url).pathname;
  const nodeModules = new URL("../node_modules", import.meta.url).pathname;
  try {
    const result = await esbuild.build({
      entryPoints: { main: entry },
      bundle: true,
      splitting: true,
      format: "esm",
      target: "es2022",
      minify,
      write: false,
      outdir: "/assets",
      chunkNames: "chunk-[hash]",
      jsx: "automatic",
      jsxImportSource: "preact",
      nodePaths: [nodeModules],
      metafile: true,
      logLevel: "silent",
    });
    const files = new Map<string, BundledFile>();
    for (const out of result.outputFiles) {
      const ext = out.path.slice(out.path.lastIndexOf("."));
      files.set(out.path, {
        contents: out.contents,
        contentType: CONTENT_TYPES[ext] ?? "application/octet-stream",
      });
    }
    return {
      files,
      entryPath: "/assets/main.js",
      cssPath: files.has("/assets/main.css") ? "/assets/main.css" : undefined,
    };
  } finally {
    // esbuild keeps a child process alive; the server never needs it again.
    await esbuild.stop();
  }
}
