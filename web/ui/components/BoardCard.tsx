/**
 * One board: the ESP32 with its LED, WiFi state and IP, the serial console, the
 * controls a student uses (Run, Stop = Ctrl-C, Soft reset = Ctrl-D, Power, BOOT), and
 * the program in an editor.
 */
import { useRef, useState } from "preact/hooks";
import type { BoardView, ConsoleLine } from "../../protocol.ts";
import { t } from "../i18n.ts";
import type { CodeEditor } from "../editor/code_editor.ts";
import type { WorldModel } from "../world_model.ts";
import { Icon } from "./Icon.tsx";
import { Esp32Drawing } from "./Esp32Drawing.tsx";
import { ProgramEditor } from "./ProgramEditor.tsx";
import { SerialConsole } from "./SerialConsole.tsx";

/** Input pins that have a button on the board: BOOT is GPIO0 on every DevKit. */
const INPUT_BUTTONS = [{ pin: 0, label: "BOOT" }];

export function BoardCard(
  { board, lines, model }: { board: BoardView; lines: ConsoleLine[]; model: WorldModel },
) {
  const [status, setStatus] = useState("");
  const [showProgram, setShowProgram] = useState(false);
  const editor = useRef<CodeEditor | null>(null);
  const on = board.power === "on";
  const led = on && board.pins[board.ledPin] === 1;
  const wifiOk = board.wifi.status === 1010;

  async function act(action: string, body?: unknown): Promise<void> {
    setStatus("");
    const response = await model.boardAction(board.name, action, body);
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      try {
        message = JSON.parse(text).error ?? text;
      } catch { /* plain text */ }
      setStatus(`${t("actionFailed")}: ${message}`);
    }
  }

  return (
    <article
      class={`board-card ${on ? "" : "off"}`}
      aria-label={board.name}
      data-testid={`board-${board.name}`}
      data-led={led ? "on" : "off"}
    >
      <header>
        <h2>{board.name}</h2>
        <span class={`pill ${on ? "ok" : "bad"}`}>{on ? t("powerOn") : t("powerOff")}</span>
        <span class={`pill ${wifiOk ? "ok" : "warn"}`} title={String(board.wifi.status)}>
          WiFi {board.wifi.statusName}
        </span>
        {board.wifi.ip && <span class="pill mono">IP {board.wifi.ip}</span>}
        <span class="pill mono">{board.program.name}</span>
        {board.runState && (
          <span class={`pill run-${board.runState}`} data-testid={`run-state-${board.name}`}>
            {t(`run_${board.runState}`)}
          </span>
        )}
      </header>
      {board.halted && <p class="error">{t("halted")}: {board.halted}</p>}
      <div class="board-body">
        <svg viewBox="-6 -6 72 122" class="board-drawing" role="img" aria-label="ESP32">
          <Esp32Drawing led={led} powered={on} ledPin={board.ledPin} />
          <rect
            x={8}
            y={88}
            width={9}
            height={7}
            class="hit"
            onClick={() => act("hard-reset")}
          >
            <title>EN (reset)</title>
          </rect>
        </svg>
        <div class="board-side">
          <p class="led-state" aria-live="polite">
            LED GPIO{board.ledPin}: <b>{led ? t("ledOn") : t("ledOff")}</b>
          </p>
          <SerialConsole lines={lines} board={board.name} />
          {board.runState === "repl" && (
            <form
              class="repl"
              onSubmit={(e) => {
                e.preventDefault();
                const input = e.currentTarget.elements.namedItem("line") as HTMLInputElement;
                act("repl", { line: input.value });
                input.value = "";
              }}
            >
              <label class="mono" for={`repl-${board.name}`}>{">>>"}</label>
              <input
                id={`repl-${board.name}`}
                name="line"
                class="mono"
                autocomplete="off"
                spellcheck={false}
                placeholder="led1.value(1)"
                data-testid={`repl-${board.name}`}
              />
            </form>
          )}
        </div>
      </div>
      <div class="board-controls" role="toolbar" aria-label={t("boardControls")}>
        <button
          type="button"
          class="primary"
          onClick={() =>
            editor.current
              ? act("program", { source: editor.current.getSource() })
              : act("soft-reset")}
        >
          <Icon name="play" /> {t("run")}
        </button>
        <button type="button" onClick={() => act("interrupt")}>
          <Icon name="stop" /> {t("stop")} (Ctrl-C)
        </button>
        <button type="button" onClick={() => act("soft-reset")}>
          <Icon name="reset" /> {t("softReset")} (Ctrl-D)
        </button>
        <button type="button" onClick={() => act(on ? "power-off" : "power-on")}>
          <Icon name="power" /> {on ? t("powerOffAction") : t("powerOnAction")}
        </button>
        {INPUT_BUTTONS.map((b) => (
          <button
            key={b.pin}
            type="button"
            title={`GPIO${b.pin}`}
            onPointerDown={() => act("button", { pin: b.pin, pressed: true })}
            onPointerUp={() => act("button", { pin: b.pin, pressed: false })}
            onKeyDown={(e) => {
              // Held from the keyboard too: Space or Enter presses, releasing lets go.
              if ((e.key === " " || e.key === "Enter") && !e.repeat) {
                e.preventDefault();
                e.stopPropagation(); // Space here is the BOOT button, not play/pause
                act("button", { pin: b.pin, pressed: true });
              }
            }}
            onKeyUp={(e) => {
              if (e.key === " " || e.key === "Enter") act("button", { pin: b.pin, pressed: false });
            }}
          >
            {b.label} (GPIO{b.pin})
          </button>
        ))}
        <button
          type="button"
          aria-expanded={showProgram}
          onClick={() => setShowProgram(!showProgram)}
        >
          <Icon name="code" /> {showProgram ? t("hideProgram") : t("showProgram")}
        </button>
      </div>
      {status && <p class="error" role="alert">{status}</p>}
      {showProgram && (
        <ProgramEditor
          board={board.name}
          programName={board.program.name}
          onReady={(e) => (editor.current = e)}
        />
      )}
    </article>
  );
}
