/**
 * The data folder (`--data DIR`, default `.data/`): JSON documents by relative path,
 * written atomically (atomic.ts). Layout (README.md):
 *
 *     programs/<scenario>/<board>.json   a board's MicroPython files
 *     progress/<lesson id>.json          a lesson's progress, as the UI stored it
 *     broker/<scenario>.json             retained messages and persistent sessions
 */
import { TEMP_MARK, writeFileAtomic, writeFileAtomicSync } from "./atomic.ts";

export const DEFAULT_DATA_DIR = ".data";

export class DataDir {
  readonly root: string;

  private constructor(root: string) {
    this.root = root.replace(/\/+$/, "") || "/";
  }

  /** Makes the folder if needed and removes temporary files a killed save left behind. */
  static async open(root: string = DEFAULT_DATA_DIR): Promise<DataDir> {
    const dir = new DataDir(root);
    try {
      await Deno.mkdir(dir.root, { recursive: true });
    } catch (e) {
      throw new Error(`Cannot use ${root} as the data folder: ${(e as Error).message}`);
    }
    await removeTemps(dir.root);
    return dir;
  }

  /** A path under the root; each part is one file or folder name, made safe. */
  path(...parts: string[]): string {
    return [this.root, ...parts.map(safeName)].join("/");
  }

  /** The document, or undefined when there is none (or it cannot be read: reported). */
  readJson<T>(...parts: string[]): Promise<T | undefined> {
    return this.readJsonFile<T>(this.path(...parts));
  }

  /** `readJson` by a path as listed on disk (its names already made safe). */
  async readJsonFile<T>(path: string): Promise<T | undefined> {
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return undefined;
      throw new Error(`Cannot read ${path}: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      // atomic writes never leave this; someone edited the file by hand
      console.error(`Ignoring ${path}: it is not JSON (${(e as Error).message})`);
      return undefined;
    }
  }

  async writeJson(value: unknown, ...parts: string[]): Promise<void> {
    const path = this.path(...parts);
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await writeFileAtomic(path, JSON.stringify(value, null, 1));
  }

  /** The same, blocking (the last save on shutdown). */
  writeJsonSync(value: unknown, ...parts: string[]): void {
    const path = this.path(...parts);
    Deno.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    writeFileAtomicSync(path, JSON.stringify(value, null, 1));
  }

  async remove(...parts: string[]): Promise<boolean> {
    try {
      await Deno.remove(this.path(...parts));
      return true;
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) return false;
      throw e;
    }
  }
}

/**
 * One path part as a file name: letters, digits, dot, dash and underscore kept, anything
 * else %-escaped, so "lesson-04" stays readable and "../x" cannot leave the folder.
 */
export function safeName(part: string): string {
  if (part === "") throw new Error("Cannot use an empty name in the data folder");
  const escaped = part.replace(
    /[^A-Za-z0-9._-]/g,
    (c) =>
      [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).padStart(2, "0")}`)
        .join(""),
  );
  return escaped.startsWith(".") ? `%2e${escaped.slice(1)}` : escaped;
}

async function removeTemps(dir: string): Promise<void> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) await removeTemps(path);
    else if (entry.name.startsWith(".") && entry.name.includes(TEMP_MARK)) {
      await Deno.remove(path).catch(() => {});
    }
  }
}
