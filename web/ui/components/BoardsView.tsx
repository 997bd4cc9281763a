/**
 * Every board of the world: side by side for a lesson's few boards; for a class of
 * many (or a thousand sensors), a grid of small tiles with their LEDs, and the picked
 * board's full card.
 */
import { useState } from "preact/hooks";
import { t } from "../i18n.ts";
import type { WorldModel } from "../world_model.ts";
import { BoardCard } from "./BoardCard.tsx";

/** More boards than this are shown as tiles. */
const FULL_CARDS = 8;

export function BoardsView({ model }: { model: WorldModel }) {
  const boards = model.boards.value;
  const consoles = model.consoles.value;
  const [picked, setPicked] = useState<string | null>(null);
  if (boards.length === 0) return <p class="empty">{t("noBoards")}</p>;
  if (boards.length <= FULL_CARDS) {
    return (
      <section class="boards" aria-label={t("viewBoards")}>
        {boards.map((board) => (
          <BoardCard
            key={board.name}
            board={board}
            lines={consoles[board.name] ?? []}
            model={model}
          />
        ))}
      </section>
    );
  }
  const current = boards.find((b) => b.name === picked) ?? boards[0];
  return (
    <section class="boards-many" aria-label={t("viewBoards")}>
      <ul class="board-tiles" role="listbox" aria-label={t("viewBoards")}>
        {boards.map((b) => {
          const led = b.power === "on" && b.pins[b.ledPin] === 1;
          return (
            <li
              key={b.name}
              role="option"
              aria-selected={b.name === current.name}
              class={b.power === "on" ? "board-tile" : "board-tile off"}
              data-led={led ? "on" : "off"}
              onClick={() => setPicked(b.name)}
            >
              <span class={led ? "tile-led lit" : "tile-led"} aria-hidden="true" />
              {b.name}
            </li>
          );
        })}
      </ul>
      <BoardCard
        key={current.name}
        board={current}
        lines={consoles[current.name] ?? []}
        model={model}
      />
    </section>
  );
}
