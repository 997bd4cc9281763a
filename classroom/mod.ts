/**
 * classroom/: what a shared classroom needs from the host (issue 9): seats with printed
 * passwords and per-seat ACLs, the LAN address to type, and its QR code.
 */
export {
  type Credentials,
  makeSeats,
  type Seat,
  type SeatOptions,
  type Seats,
  seatTable,
  withSeats,
} from "./seats.ts";
export { makePassword, type RandomBytes, seededBytes } from "./passwords.ts";
export {
  type BannerOptions,
  classroomAddress,
  type LanAddress,
  lanAddresses,
  lanBanner,
  qrPage,
  type QrPageOptions,
  webUrl,
} from "./lan.ts";
export { encodeQr, renderPng, renderSvg, renderText } from "./qr/mod.ts";
