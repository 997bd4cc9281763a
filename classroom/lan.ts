/**
 * The address students type (issue 9, "LAN mode"): the machine's non-loopback IPv4
 * addresses, the likely classroom one first, and a QR code of the web address for the
 * terminal and for a page.
 *
 *     const best = classroomAddress();
 *     console.log(lanBanner({ webPort: 8000, mqttPort: 1883 }));
 */
import { encodeQr } from "./qr/encode.ts";
import { renderSvg } from "./qr/render_svg.ts";
import { renderText } from "./qr/render_text.ts";

export interface LanAddress {
  address: string;
  /** The interface, e.g. "wlp2s0", "eth0", "Wi-Fi". */
  interface: string;
  /** Higher is likelier the classroom network. */
  score: number;
  /** Why it scored so (shown with --lan so a teacher can pick another). */
  why: string;
}

/** Interfaces of containers, VMs and VPNs: reachable from this machine only, or not LAN. */
const VIRTUAL_INTERFACE =
  /^(docker|br-|veth|virbr|vmnet|vboxnet|lxc|lxd|cni|flannel|cali|podman|tun|tap|utun|wg|zt|tailscale|ham)/i;
const WIRELESS_INTERFACE = /^(wl|wlan|wifi|wi-fi|ath|ra\d)/i;
const WIRED_INTERFACE = /^(en|eth|ethernet|em\d|eno|enp|ens)/i;

function octets(address: string): number[] | undefined {
  const parts = address.split(".").map(Number);
  return parts.length === 4 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)
    ? parts
    : undefined;
}

/** Scores one IPv4 address; undefined for loopback and link-local (never a classroom). */
export function scoreAddress(address: string, name: string): LanAddress | undefined {
  const o = octets(address);
  if (!o || o[0] === 127 || o[0] === 0) return undefined; // loopback, "this network"
  if (o[0] === 169 && o[1] === 254) return undefined; // link-local (RFC 3927): no DHCP
  let score = 0;
  const why: string[] = [];
  if (o[0] === 192 && o[1] === 168) {
    score += 40;
    why.push("home/school router range 192.168/16");
  } else if (o[0] === 10) {
    score += 35;
    why.push("private 10/8");
  } else if (o[0] === 172 && o[1] >= 16 && o[1] <= 31) {
    score += o[1] === 17 ? 5 : 30; // 172.17/16 is Docker's default bridge
    why.push(o[1] === 17 ? "172.17/16, usually Docker" : "private 172.16/12");
  } else if (o[0] === 100 && o[1] >= 64 && o[1] <= 127) {
    score += 5;
    why.push("carrier-grade NAT 100.64/10, usually a VPN (Tailscale)");
  } else {
    score += 20;
    why.push("public address");
  }
  if (VIRTUAL_INTERFACE.test(name)) {
    score -= 50;
    why.push("container/VM/VPN interface");
  } else if (WIRELESS_INTERFACE.test(name)) {
    score += 10;
    why.push("WiFi");
  } else if (WIRED_INTERFACE.test(name)) {
    score += 8;
    why.push("wired");
  }
  return { address, interface: name, score, why: why.join(", ") };
}

/** Non-loopback IPv4 addresses, likeliest classroom address first. */
export function lanAddresses(
  interfaces: Deno.NetworkInterfaceInfo[] = Deno.networkInterfaces(),
): LanAddress[] {
  const seen = new Set<string>();
  const out: LanAddress[] = [];
  for (const nic of interfaces) {
    if (nic.family !== "IPv4" || seen.has(nic.address)) continue;
    const scored = scoreAddress(nic.address, nic.name);
    if (scored) {
      seen.add(nic.address);
      out.push(scored);
    }
  }
  // Stable: equal scores keep the system's order.
  return out.sort((a, b) => b.score - a.score);
}

export function classroomAddress(
  interfaces?: Deno.NetworkInterfaceInfo[],
): LanAddress | undefined {
  return lanAddresses(interfaces)[0];
}

export function webUrl(address: string, port: number, path = "/"): string {
  return `http://${address}:${port}${path}`;
}

export interface BannerOptions {
  webPort: number;
  mqttPort: number;
  /** The MQTT-over-WebSocket path (default "/mqtt"). */
  wsPath?: string;
  /** The address to show; default the likeliest one. */
  address?: string;
  interfaces?: Deno.NetworkInterfaceInfo[];
  /** Colours for the QR code (default true; false for logs and tests). */
  ansi?: boolean;
}

/** What `--lan` prints: where to point browsers, boards and apps, and the QR code. */
export function lanBanner(options: BannerOptions): string {
  const all = lanAddresses(options.interfaces);
  const address = options.address ?? all[0]?.address;
  if (!address) {
    return "No network address found besides loopback: connect to the classroom WiFi, " +
      "then start again with --lan.\n";
  }
  const url = webUrl(address, options.webPort);
  const ws = `ws://${address}:${options.webPort}${options.wsPath ?? "/mqtt"}`;
  const lines = [
    `Classroom address: ${address}`,
    `  Browsers:        ${url}`,
    `  ESP32 / MQTTX:   SERVER = "${address}", port ${options.mqttPort}`,
    `  WebSocket MQTT:  ${ws}`,
  ];
  const others = all.filter((a) => a.address !== address);
  if (others.length > 0) {
    lines.push(
      `  Other addresses: ${others.map((a) => `${a.address} (${a.interface})`).join(", ")}`,
    );
  }
  return lines.join("\n") + "\n\n" + renderText(encodeQr(url), { ansi: options.ansi }) + "\n";
}

export interface QrPageOptions {
  url: string;
  mqttHost?: string;
  mqttPort?: number;
  title?: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** A self-contained page with the QR code of `url` large enough to scan from the back row. */
export function qrPage(options: QrPageOptions): string {
  const title = options.title ?? "MQTT Playground";
  const svg = renderSvg(encodeQr(options.url), { title: options.url });
  const mqtt = options.mqttHost
    ? `<p>MQTT: <code>${escapeHtml(options.mqttHost)}</code> port <code>${
      options.mqttPort ?? 1883
    }</code></p>`
    : "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>` +
    `body{font-family:system-ui,sans-serif;text-align:center;margin:2rem}` +
    `svg{width:min(80vh,90vw);height:auto}code,.url{font-size:2rem}</style></head><body>` +
    `<h1>${escapeHtml(title)}</h1>${svg}` +
    `<p class="url"><a href="${escapeHtml(options.url)}">${escapeHtml(options.url)}</a></p>` +
    `${mqtt}</body></html>`;
}
