/** Test helper: checks that dissected fields cover every byte of a frame exactly once. */
import type { Field } from "./packet.ts";

/**
 * Returns the problems found (empty when the fields tile the frame): every byte is covered
 * by exactly one byte-wide leaf, or by bit fields whose bits are disjoint and fill the byte;
 * every group contains its children.
 */
export function coverageProblems(fields: Field[], length: number): string[] {
  const count = new Array<number>(length).fill(0);
  const mask = new Array<number>(length).fill(0);
  const problems: string[] = [];
  const visit = (f: Field, parent?: Field) => {
    if (f.start < 0 || f.end > length || f.start > f.end) {
      problems.push(`${f.name}: range [${f.start}, ${f.end}) outside the frame of ${length}`);
      return;
    }
    if (parent && (f.start < parent.start || f.end > parent.end)) {
      problems.push(
        `${f.name}: [${f.start}, ${f.end}) outside its group [${parent.start}, ${parent.end})`,
      );
    }
    if (f.children !== undefined) {
      for (const c of f.children) visit(c, f);
      return;
    }
    if (f.bits !== undefined) {
      const [hi, lo] = f.bits;
      if (f.end - f.start !== 1 || hi < lo || hi > 7 || lo < 0) {
        problems.push(`${f.name}: bad bit field`);
        return;
      }
      const m = ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1);
      if (mask[f.start] & m) problems.push(`${f.name}: bits overlap at byte ${f.start}`);
      mask[f.start] |= m;
      return;
    }
    for (let i = f.start; i < f.end; i++) count[i]++;
  };
  for (const f of fields) visit(f);
  for (let i = 0; i < length; i++) {
    const ok = (count[i] === 1 && mask[i] === 0) || (count[i] === 0 && mask[i] === 0xff);
    if (!ok) problems.push(`byte ${i}: covered ${count[i]} times, bits 0x${mask[i].toString(16)}`);
  }
  return problems;
}
