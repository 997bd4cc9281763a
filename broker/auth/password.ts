/**
 * Password hashes: PBKDF2-HMAC-SHA256 through WebCrypto, stored as
 * "$pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>".
 * Hashing is deterministic (salt given); the salt is made by the host CLI.
 */

export const HASH_SCHEME = "pbkdf2-sha256";
export const DEFAULT_ITERATIONS = 100_000;
const HASH_BITS = 256;

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function derive(password: Uint8Array, salt: Uint8Array, iterations: number) {
  const key = await crypto.subtle.importKey(
    "raw",
    password as BufferSource,
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** Hashes `password` with the given salt into the stored form. */
export async function hashPassword(
  password: string | Uint8Array,
  salt: Uint8Array,
  iterations = DEFAULT_ITERATIONS,
): Promise<string> {
  const bytes = typeof password === "string" ? new TextEncoder().encode(password) : password;
  const hash = await derive(bytes, salt, iterations);
  return `$${HASH_SCHEME}$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Parses a stored hash; throws an Error naming what is wrong. */
export function parseHash(
  stored: string,
): { iterations: number; salt: Uint8Array; hash: Uint8Array } {
  const parts = stored.split("$");
  if (parts.length !== 5 || parts[0] !== "" || parts[1] !== HASH_SCHEME) {
    throw new Error(
      `Cannot read password hash '${
        stored.slice(0, 24)
      }...': expected $${HASH_SCHEME}$iterations$salt$hash (make one with deno task passwd)`,
    );
  }
  const iterations = Number(parts[2]);
  if (!Number.isSafeInteger(iterations) || iterations < 1) {
    throw new Error(
      `Cannot read password hash: iterations '${parts[2]}' is not a positive integer`,
    );
  }
  return { iterations, salt: fromBase64(parts[3]), hash: fromBase64(parts[4]) };
}

/** Checks `password` against a stored hash in constant time over the hash bytes. */
export async function verifyPassword(password: Uint8Array, stored: string): Promise<boolean> {
  const { iterations, salt, hash } = parseHash(stored);
  const got = await derive(password, salt, iterations);
  if (got.length !== hash.length) return false;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff |= got[i] ^ hash[i];
  return diff === 0;
}
