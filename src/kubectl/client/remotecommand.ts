/**
 * The client side of remotecommand over WebSocket (`v5.channel.k8s.io`, or `v4`), as
 * client-go's WebSocketExecutor speaks it: binary messages whose first byte is the channel
 * (0 stdin, 1 stdout, 2 stderr, 3 error: one JSON Status at the end, 4 resize), and in v5
 * `[255, 0]` to close stdin. The socket itself comes from the host (a WebSocketConnector),
 * so this stays free of Node and of the DOM.
 */
import type { Status, StreamSession } from '../../sim/apiserver/types';
import type { RestResponse } from './transport';

/** The subprotocols kubectl offers, the preferred first. */
export const REMOTECOMMAND_PROTOCOLS: readonly string[] = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** What an open WebSocket reports. */
export interface SocketEvents {
  /** The upgrade succeeded with this subprotocol. */
  open(protocol: string): void;
  message(data: Uint8Array): void;
  close(): void;
  /** The server answered the upgrade request with an ordinary HTTP response. */
  refused(response: RestResponse): void;
  /** The connection failed. */
  error(error: Error): void;
}

/** An open WebSocket: binary messages out, and closing. */
export interface Socket {
  send(data: Uint8Array): void;
  close(): void;
}

/** How a host opens WebSockets with request headers (Node's `ws` in tests; none in the page). */
export type WebSocketConnector = (
  url: string,
  protocols: readonly string[],
  headers: Readonly<Record<string, string>>,
  events: SocketEvents,
) => Socket;

const STDIN = 0;
const CLOSE = 255;
const RESIZE = 4;
const SUCCESS: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' };

function frame(channel: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + 1);
  out[0] = channel;
  out.set(payload, 1);
  return out;
}

/**
 * Opens a remotecommand WebSocket and resolves with its session once upgraded, or with the
 * server's answer when it refused the upgrade.
 */
export function openRemoteCommand(
  connector: WebSocketConnector,
  url: string,
  headers: Readonly<Record<string, string>>,
): Promise<{ readonly session: StreamSession } | RestResponse> {
  return new Promise((resolve, reject) => {
    const encoder = new TextEncoder();
    const decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
    let v5 = false;
    let output: (stream: 'stdout' | 'stderr', data: string) => void = () => {};
    let finish: (status: Status) => void = () => {};
    let ended = false;
    const end = (status: Status) => {
      if (ended) return;
      ended = true;
      finish(status);
    };
    const early: Uint8Array[] = [];
    let started = false;
    const receive = (data: Uint8Array) => {
      const channel = data[0];
      const payload = data.subarray(1);
      if (channel === 1 || channel === 2)
        output(channel === 1 ? 'stdout' : 'stderr', decoders[channel].decode(payload, { stream: true }));
      else if (channel === 3 && payload.length > 0)
        end(JSON.parse(new TextDecoder().decode(payload)) as Status);
    };
    const socket = connector(url, REMOTECOMMAND_PROTOCOLS, headers, {
      open(protocol) {
        v5 = protocol === REMOTECOMMAND_PROTOCOLS[0];
        resolve({ session });
      },
      message(data) {
        if (started) receive(data);
        else early.push(data);
      },
      close: () => end(SUCCESS),
      refused: resolve,
      error(error) {
        if (!started) reject(error);
        else end({ ...SUCCESS, status: 'Failure', message: error.message });
      },
    });
    const session: StreamSession = {
      start(onOutput, done) {
        output = onOutput;
        finish = done;
        started = true;
        for (const data of early.splice(0)) receive(data);
      },
      stdin: (data) => socket.send(frame(STDIN, encoder.encode(data))),
      closeStdin: () => v5 && socket.send(new Uint8Array([CLOSE, STDIN])),
      resize: (width, height) =>
        socket.send(frame(RESIZE, encoder.encode(JSON.stringify({ Width: width, Height: height })))),
      close: () => socket.close(),
    };
  });
}
