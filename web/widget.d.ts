/**
 * The page API of the Gateway Doctor widget (web/widget.js), available as window.GatewayDoctor.
 * Calls made before the script has loaded go to a stub's queue ({q: [[method, args], ...]}) and
 * are replayed, in order, once the widget is ready; see the README for the stub.
 */

/** Who the visitor is, as the host page knows it. Sent with a handoff and a ticket as given. */
export interface GatewayDoctorVisitor {
  id?: string | number;
  email?: string;
  name?: string;
  plan?: string;
}

/** The entry a conversation follows. */
export interface GatewayDoctorEntry {
  id: string;
  title: string;
}

export interface GatewayDoctorEvents {
  /** The panel opened. */
  open: undefined;
  /** The panel closed. */
  close: undefined;
  /** The conversation entered an entry (the problem was recognised, or the visitor picked it). */
  matched: { entry: GatewayDoctorEntry; confidence: number };
  /** The visitor said a fix worked. */
  resolved: { entry: GatewayDoctorEntry | null };
  /**
   * A handoff: 'offered' when the summary for a person is shown, then 'sent' or 'failed' once the
   * visitor sent it and the server settled its delivery.
   */
  handoff: { status: 'offered' | 'sent' | 'failed'; entry: GatewayDoctorEntry | null; summary?: string };
  /** A reply arrived while the panel was closed. */
  unread: { count: number };
}

export interface GatewayDoctorApi {
  /** 1 for this API. */
  readonly version: number;
  /** Resolves with the API once the widget is on the page. */
  readonly ready: Promise<GatewayDoctorApi>;
  open(): void;
  close(): void;
  toggle(): void;
  /** Opens the panel and sends the text as if the visitor had typed it. */
  ask(text: string): void;
  identify(visitor: GatewayDoctorVisitor): void;
  /** Calls fn on each event; returns a function that removes the handler. */
  on<K extends keyof GatewayDoctorEvents>(event: K, fn: (detail: GatewayDoctorEvents[K]) => void): () => void;
}

/** What a page may set before the script loads: calls are queued in q. */
export interface GatewayDoctorStub {
  q: Array<[keyof GatewayDoctorApi, unknown[]]>;
}

declare global {
  interface Window {
    GatewayDoctor?: GatewayDoctorApi | GatewayDoctorStub;
  }
}
