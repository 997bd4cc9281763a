/**
 * `deno task bench [NAME...]`: runs bench/NAME.ts for each name (all when none),
 * each in its own process so one benchmark's heap never skews another's.
 */
const here = new URL(".", import.meta.url);
const available: string[] = [];
for await (const entry of Deno.readDir(here)) {
  if (
    entry.isFile && entry.name.endsWith(".ts") && entry.name !== "main.ts" &&
    !entry.name.startsWith("_")
  ) {
    available.push(entry.name.slice(0, -3));
  }
}
available.sort();
const wanted = Deno.args.length > 0 ? Deno.args : available;
for (const name of wanted) {
  if (!available.includes(name)) {
    console.error(`No benchmark named '${name}'. Available: ${available.join(", ")}`);
    Deno.exit(2);
  }
}
let failed = 0;
for (const name of wanted) {
  console.log(`\n== bench ${name} ==`);
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(`${name}.ts`, here).pathname],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code !== 0) failed++;
}
Deno.exit(failed === 0 ? 0 : 1);
