/** Every word on screen, in Chinese (the textbook's terms) and English. */
export const STRINGS = {
  appTitle: { zh: "MQTT 游乐场", en: "MQTT Playground" },
  appSubtitle: { zh: "看见每一个数据包", en: "See every packet" },
  virtualClock: { zh: "虚拟时钟", en: "Virtual clock" },
  seconds: { zh: "秒", en: "s" },
  play: { zh: "播放", en: "Play" },
  pause: { zh: "暂停", en: "Pause" },
  step: { zh: "单步", en: "Step" },
  speed: { zh: "速度", en: "Speed" },
  fastest: { zh: "最快", en: "As fast as possible" },
  connected: { zh: "已连接", en: "Connected" },
  disconnected: { zh: "未连接", en: "Disconnected" },
  language: { zh: "语言", en: "Language" },
  shortcutsHint: {
    zh: "空格：播放/暂停 · N：单步",
    en: "Space: play/pause · N: step",
  },
  modePaused: { zh: "已暂停", en: "Paused" },
  modePlaying: { zh: "运行中", en: "Running" },
  modeMax: { zh: "全速运行", en: "Running flat out" },
} as const satisfies Record<string, { zh: string; en: string }>;
