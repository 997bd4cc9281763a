/**
 * The little markdown the lessons use, parsed into blocks for Preact (no innerHTML):
 * paragraphs, fenced code, lists, tables, and inline `code`, **bold** and *italic*.
 */
export type Inline = { kind: "text" | "code" | "bold" | "italic"; text: string };

export type Block =
  | { kind: "paragraph"; inlines: Inline[] }
  | { kind: "code"; lang: string; text: string }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "table"; head: Inline[][]; rows: Inline[][][] }
  | { kind: "heading"; level: number; inlines: Inline[] };

const INLINE = /(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/g;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index! > last) out.push({ kind: "text", text: text.slice(last, m.index) });
    const tok = m[0];
    if (tok.startsWith("`")) out.push({ kind: "code", text: tok.slice(1, -1) });
    else if (tok.startsWith("**")) out.push({ kind: "bold", text: tok.slice(2, -2) });
    else out.push({ kind: "italic", text: tok.slice(1, -1) });
    last = m.index! + tok.length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

const LIST_ITEM = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/;
const TABLE_RULE = /^\|?\s*:?-{3,}/;

function cells(line: string): Inline[][] {
  return line.trim().replace(/^\||\|$/g, "").split("|").map((c) => parseInline(c.trim()));
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
    } else if (line.startsWith("```")) {
      const lang = line.slice(3).trim();
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) body.push(lines[i]);
      i++;
      blocks.push({ kind: "code", lang, text: body.join("\n") });
    } else if (/^#{1,6}\s/.test(line)) {
      const level = line.indexOf(" ");
      blocks.push({ kind: "heading", level, inlines: parseInline(line.slice(level + 1)) });
      i++;
    } else if (line.trim().startsWith("|") && TABLE_RULE.test(lines[i + 1] ?? "")) {
      const head = cells(line);
      const rows: Inline[][][] = [];
      for (i += 2; i < lines.length && lines[i].trim().startsWith("|"); i++) {
        rows.push(cells(lines[i]));
      }
      blocks.push({ kind: "table", head, rows });
    } else if (LIST_ITEM.test(line)) {
      const ordered = LIST_ITEM.exec(line)![1] !== undefined;
      const items: Inline[][] = [];
      let text = "";
      for (; i < lines.length && lines[i].trim() !== ""; i++) {
        const m = LIST_ITEM.exec(lines[i]);
        if (m) {
          if (text) items.push(parseInline(text));
          text = m[2];
        } else text += " " + lines[i].trim();
      }
      if (text) items.push(parseInline(text));
      blocks.push({ kind: "list", ordered, items });
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i].trim() !== "" && !lines[i].startsWith("```"); i++) {
        para.push(lines[i].trim());
      }
      blocks.push({ kind: "paragraph", inlines: parseInline(para.join(" ")) });
    }
  }
  return blocks;
}
