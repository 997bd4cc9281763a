/** Renders a lesson step's markdown (see markdown.ts) as Preact elements. */
import { type Inline, parseMarkdown } from "./markdown.ts";

function Inlines({ items }: { items: Inline[] }) {
  return (
    <>
      {items.map((x, i) =>
        x.kind === "code"
          ? <code key={i}>{x.text}</code>
          : x.kind === "bold"
          ? <strong key={i}>{x.text}</strong>
          : x.kind === "italic"
          ? <em key={i}>{x.text}</em>
          : x.text
      )}
    </>
  );
}

export function Markdown({ source }: { source: string }) {
  return (
    <div class="lesson-md">
      {parseMarkdown(source).map((b, i) => {
        switch (b.kind) {
          case "code":
            return <pre key={i} class={`lang-${b.lang || "text"}`}><code>{b.text}</code></pre>;
          case "heading":
            return (
              <h4 key={i}>
                <Inlines items={b.inlines} />
              </h4>
            );
          case "list": {
            const items = b.items.map((it, j) => (
              <li key={j}>
                <Inlines items={it} />
              </li>
            ));
            return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
          }
          case "table":
            return (
              <table key={i}>
                <thead>
                  <tr>
                    {b.head.map((c, j) => (
                      <th key={j}>
                        <Inlines items={c} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k}>
                          <Inlines items={c} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          default:
            return (
              <p key={i}>
                <Inlines items={b.inlines} />
              </p>
            );
        }
      })}
    </div>
  );
}
