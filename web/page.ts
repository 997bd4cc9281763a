/** The one HTML page; everything else is drawn by the Preact app. */
import type { UiBundle } from "./bundle.ts";

export function renderPage(bundle: UiBundle): string {
  const css = bundle.cssPath ? `<link rel="stylesheet" href="${bundle.cssPath}">` : "";
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MQTT Playground · MQTT 游乐场</title>
${css}
<link rel="modulepreload" href="${bundle.entryPath}">
</head>
<body>
<div id="app"></div>
<script type="module" src="${bundle.entryPath}"></script>
</body>
</html>
`;
}
