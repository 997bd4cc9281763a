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
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Ccircle cx='16' cy='16' r='6' fill='%2338bdf8'/%3E%3Ccircle cx='5' cy='6' r='3' fill='%234ade80'/%3E%3Ccircle cx='27' cy='6' r='3' fill='%23fbbf24'/%3E%3Ccircle cx='16' cy='28' r='3' fill='%23f87171'/%3E%3C/svg%3E">
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
