'use strict';
// A raw HTTP/2 (h2c) server on Node's built-in http2 module, no gRPC library: it answers every
// request with the response shape named by the request header x-mode, to check how a gRPC
// client maps malformed or non-gRPC responses (PROTOCOL-HTTP2.md, http-grpc-status-mapping.md).
// Usage: node raw-h2-server.js --port N   (0 = any free port). Prints "READY <port>".
const http2 = require('http2');

const GRPC = { 'content-type': 'application/grpc' };
const EMPTY_MESSAGE = Buffer.from([0, 0, 0, 0, 0]);

const modes = {
  // grpc-status 0 in a Trailers-Only response to a unary call: OK without the one message.
  'ok-no-message': (s) => s.respond({ ':status': 200, ...GRPC, 'grpc-status': '0' }, { endStream: true }),
  // HTTP errors without grpc-status.
  http400: (s) => s.respond({ ':status': 400 }, { endStream: true }),
  http401: (s) => s.respond({ ':status': 401 }, { endStream: true }),
  http403: (s) => s.respond({ ':status': 403 }, { endStream: true }),
  http404: (s) => s.respond({ ':status': 404 }, { endStream: true }),
  http429: (s) => s.respond({ ':status': 429 }, { endStream: true }),
  http502: (s) => s.respond({ ':status': 502 }, { endStream: true }),
  http503: (s) => s.respond({ ':status': 503 }, { endStream: true }),
  http504: (s) => s.respond({ ':status': 504 }, { endStream: true }),
  http500: (s) => s.respond({ ':status': 500 }, { endStream: true }),
  // A message, then the stream ends without trailers.
  'no-status': (s) => { s.respond({ ':status': 200, ...GRPC }); s.end(EMPTY_MESSAGE); },
  // Two messages for a unary call.
  'two-messages': (s) => {
    s.respond({ ':status': 200, ...GRPC }, { waitForTrailers: true });
    s.on('wantTrailers', () => s.sendTrailers({ 'grpc-status': '0' }));
    s.end(Buffer.concat([EMPTY_MESSAGE, EMPTY_MESSAGE]));
  },
  'rst-cancel': (s) => s.close(http2.constants.NGHTTP2_CANCEL),
  'rst-refused': (s) => s.close(http2.constants.NGHTTP2_REFUSED_STREAM),
  // An invalid percent sequence must pass through literally.
  'bad-percent': (s) => s.respond({ ':status': 200, ...GRPC, 'grpc-status': '3', 'grpc-message': 'bad%20arg%E2%98%BA%zz' }, { endStream: true }),
  // A message compressed with an encoding the client never offered.
  'unknown-encoding': (s) => {
    s.respond({ ':status': 200, ...GRPC, 'grpc-encoding': 'snappy' }, { waitForTrailers: true });
    s.on('wantTrailers', () => s.sendTrailers({ 'grpc-status': '0' }));
    s.end(Buffer.from([1, 0, 0, 0, 1, 0x55]));
  },
};

function parseArgs(argv) {
  const args = { port: 0, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].replace(/^--/, '').split('=');
    if (value === undefined) value = argv[++i];
    args[key] = value;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const server = http2.createServer();
server.on('stream', (stream, headers) => {
  stream.on('error', () => {});
  stream.on('data', () => {});
  const mode = modes[headers['x-mode']];
  if (mode) {
    mode(stream);
  } else {
    stream.respond({ ':status': 200, ...GRPC, 'grpc-status': '12', 'grpc-message': 'unknown x-mode' }, { endStream: true });
  }
});
server.listen(Number(args.port), args.host, () => console.log(`READY ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
