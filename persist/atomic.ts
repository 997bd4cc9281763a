/**
 * Writes that a crash cannot tear: the new contents go to a temporary file in the same
 * folder (same file system, so the rename is atomic), which is flushed to disk (fsync)
 * before it is renamed over the old file, and the folder is flushed so the rename itself
 * survives a power cut. A kill at any moment leaves either the old file or the new one.
 */

/** Temporary files are named `.NAME.tmp-PID-N`; DataDir removes leftovers at start. */
export const TEMP_MARK = ".tmp-";
let counter = 0;

function tempPath(path: string): string {
  const slash = path.lastIndexOf("/");
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  return `${dir}.${name}${TEMP_MARK}${Deno.pid}-${counter++}`;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash <= 0 ? (slash === 0 ? "/" : ".") : path.slice(0, slash);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const temp = tempPath(path);
  try {
    const file = await Deno.open(temp, { write: true, create: true, truncate: true });
    try {
      let written = 0;
      while (written < bytes.length) written += await file.write(bytes.subarray(written));
      await file.sync();
    } finally {
      file.close();
    }
    await Deno.rename(temp, path);
  } catch (e) {
    await Deno.remove(temp).catch(() => {});
    throw new Error(`Cannot save ${path}: ${(e as Error).message}`);
  }
  await syncDir(dirOf(path));
}

/** The same, blocking: for the last save on shutdown, when nothing else may run. */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const temp = tempPath(path);
  try {
    const file = Deno.openSync(temp, { write: true, create: true, truncate: true });
    try {
      let written = 0;
      while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
      file.syncSync();
    } finally {
      file.close();
    }
    Deno.renameSync(temp, path);
  } catch (e) {
    try {
      Deno.removeSync(temp);
    } catch { /* never made */ }
    throw new Error(`Cannot save ${path}: ${(e as Error).message}`);
  }
  try {
    const dir = Deno.openSync(dirOf(path), { read: true });
    try {
      dir.syncSync();
    } finally {
      dir.close();
    }
  } catch { /* not every system can sync a folder */ }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await Deno.open(dir, { read: true });
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  } catch { /* not every system can sync a folder (Windows); the file itself is synced */ }
}
