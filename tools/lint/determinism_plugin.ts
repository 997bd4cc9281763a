/**
 * Lint plugin: the world has one clock. sim/, broker/ and devices/ must not
 * read host time or host randomness (ARCHITECTURE.md, "One clock").
 *
 * Tests beside the code (`*_test.ts`) may wait on real peers, so they are exempt.
 * A line that truly needs the host (a CLI that makes a salt) says so with a
 * trailing `// determinism-guard: allow (why)`.
 */

/** Folders that make up the simulated world. */
const WORLD_FOLDERS = ["sim", "broker", "devices"];
const ALLOW_MARK = "determinism-guard: allow";

/** object.property pairs that read host time or randomness. */
const FORBIDDEN_MEMBERS: Record<string, string[]> = {
  Date: ["now"],
  performance: ["now", "timeOrigin"],
  Math: ["random"],
  crypto: ["getRandomValues", "randomUUID"],
  globalThis: ["setTimeout", "setInterval", "performance"],
  self: ["setTimeout", "setInterval"],
};
/** Global functions that schedule on host time. */
const FORBIDDEN_CALLS = ["setTimeout", "setInterval"];

export function isWorldFile(filename: string): boolean {
  const path = filename.replaceAll("\\", "/");
  if (path.endsWith("_test.ts") || path.endsWith("_test.tsx")) return false;
  const parts = path.split("/");
  return WORLD_FOLDERS.some((folder) => parts.includes(folder)) &&
    !parts.includes("node_modules");
}

function message(what: string): string {
  return `${what} reads the host, but sim/, broker/ and devices/ run on the world's virtual ` +
    `clock and seeded random (use VirtualClock / SeededRandom from sim/mod.ts)`;
}

const plugin: Deno.lint.Plugin = {
  name: "determinism",
  rules: {
    "no-host-time": {
      create(context) {
        if (!isWorldFile(context.filename)) return {};
        const text = context.sourceCode.text;
        const allowed = (node: Deno.lint.Node): boolean => {
          const lineEnd = text.indexOf("\n", node.range[1]);
          const lineStart = text.lastIndexOf("\n", node.range[0]) + 1;
          return text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).includes(ALLOW_MARK);
        };
        const report = (node: Deno.lint.Node, what: string) => {
          if (!allowed(node)) context.report({ node, message: message(what) });
        };
        return {
          MemberExpression(node) {
            if (node.object.type !== "Identifier") return;
            const property = node.property.type === "Identifier"
              ? node.property.name
              : node.property.type === "Literal"
              ? String(node.property.value)
              : undefined;
            if (property === undefined) return;
            if (FORBIDDEN_MEMBERS[node.object.name]?.includes(property)) {
              report(node, `${node.object.name}.${property}`);
            }
          },
          NewExpression(node) {
            if (
              node.callee.type === "Identifier" && node.callee.name === "Date" &&
              node.arguments.length === 0
            ) report(node, "new Date()");
          },
          CallExpression(node) {
            if (node.callee.type !== "Identifier") return;
            if (FORBIDDEN_CALLS.includes(node.callee.name)) report(node, `${node.callee.name}()`);
            if (node.callee.name === "Date") report(node, "Date()");
          },
        };
      },
    },
  },
};

export default plugin;
