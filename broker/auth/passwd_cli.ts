/**
 * `deno task passwd [password]`: prints a password hash for the broker config.
 * Reads the password from the argument or from stdin. A host CLI, outside the
 * world, so it may take its salt from host randomness.
 */
import { DEFAULT_ITERATIONS, hashPassword } from "./password.ts";

const SALT_BYTES = 16;

async function readPassword(): Promise<string> {
  if (Deno.args[0] !== undefined) return Deno.args[0];
  const chunks: Uint8Array[] = [];
  for await (const chunk of Deno.stdin.readable) chunks.push(chunk);
  const text = new TextDecoder().decode(
    chunks.reduce((a, b) => new Uint8Array([...a, ...b]), new Uint8Array()),
  );
  return text.replace(/\r?\n$/, "");
}

if (import.meta.main) {
  const password = await readPassword();
  if (password.length === 0) {
    console.error("Usage: deno task passwd <password>   (or pipe the password on stdin)");
    Deno.exit(2);
  }
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES)); // determinism-guard: allow (host CLI)
  console.log(await hashPassword(password, salt, DEFAULT_ITERATIONS));
}
