/**
 * A WebSocketConnector for the in-page kubectl's HTTP transport in Node (the differential
 * tests): Node's `ws` client, which can send the bearer token and reads the body of a
 * refused upgrade, so exec and attach reach the served apiserver as real kubectl does.
 */
import WebSocket from 'ws';
import type { WebSocketConnector } from '../kubectl/client/remotecommand';

/** Opens WebSockets with `ws`. */
export const nodeWebSocket: WebSocketConnector = (url, protocols, headers, events) => {
  const socket = new WebSocket(url, [...protocols], { headers: { ...headers } });
  socket.binaryType = 'nodebuffer';
  socket.on('open', () => events.open(socket.protocol));
  socket.on('message', (data: Buffer) => events.message(new Uint8Array(data)));
  socket.on('close', () => events.close());
  socket.on('error', (error) => events.error(error));
  socket.on('unexpected-response', (_request, response) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => {
      const responseHeaders: Record<string, string> = {};
      for (const [key, value] of Object.entries(response.headers))
        if (typeof value === 'string') responseHeaders[key.toLowerCase()] = value;
      events.refused({
        status: response.statusCode ?? 0,
        headers: responseHeaders,
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
  return {
    send: (data) => socket.send(data),
    close: () => socket.close(),
  };
};
