import assert from "node:assert/strict";
import { DataDir, ProgressStore } from "../persist/mod.ts";
import { progressApi } from "./api_progress.ts";

async function withApp(body: (app: ReturnType<typeof progressApi>) => Promise<void>) {
  const root = await Deno.makeTempDir();
  try {
    await body(progressApi(new ProgressStore(await DataDir.open(root))));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("PUT then GET /api/progress/:lessonId keeps a lesson's progress", () =>
  withApp(async (app) => {
    const missing = await app.request("/api/progress/03-publisher");
    assert.equal(missing.status, 404);
    const put = await app.request("/api/progress/03-publisher", {
      method: "PUT",
      body: JSON.stringify({ step: 3, passed: ["connect", "publish"] }),
    });
    assert.equal(put.status, 200);
    const got = await app.request("/api/progress/03-publisher");
    assert.equal(got.status, 200);
    assert.deepEqual(await got.json(), { step: 3, passed: ["connect", "publish"] });
  }));

Deno.test("/api/progress refuses bad ids, bodies that are not JSON and big bodies", () =>
  withApp(async (app) => {
    const badId = await app.request("/api/progress/..%2Fx", { method: "PUT", body: "{}" });
    assert.equal(badId.status, 400);
    const notJson = await app.request("/api/progress/01", { method: "PUT", body: "{" });
    assert.equal(notJson.status, 400);
    assert.match((await notJson.json()).error, /Body must be JSON/);
    const big = await app.request("/api/progress/01", {
      method: "PUT",
      body: JSON.stringify("x".repeat(20_000)),
    });
    assert.equal(big.status, 413);
  }));
