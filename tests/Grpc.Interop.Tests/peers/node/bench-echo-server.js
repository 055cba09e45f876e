'use strict';
// A plain @grpc/grpc-js server for transport benchmarks: bench.EchoService
// (protos/bench/echo.proto) with a unary Echo and a server-streaming StreamEcho of
// 1 KiB messages (StreamRequest.size overrides the size).
// Usage: node bench-echo-server.js --port N   (0 = any free port). Prints "READY <port>".
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', 'protos');
const definition = protoLoader.loadSync('bench/echo.proto',
  { keepCase: true, longs: String, enums: String, defaults: true, includeDirs: [PROTO_ROOT] });
const bench = grpc.loadPackageDefinition(definition).bench;

function parseArgs(argv) {
  const args = { port: 0, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].replace(/^--/, '').split('=');
    if (value === undefined) value = argv[++i];
    args[key] = value;
  }
  return args;
}

const impl = {
  Echo(call, callback) {
    callback(null, call.request);
  },
  StreamEcho(call) {
    const count = call.request.count || 0;
    const message = { payload: Buffer.alloc(call.request.size || 1024) };
    let sent = 0;
    const pump = () => {
      while (sent < count && !call.cancelled) {
        sent++;
        if (!call.write(message)) {
          call.once('drain', pump);
          return;
        }
      }
      if (!call.cancelled) call.end();
    };
    pump();
  },
};

const args = parseArgs(process.argv.slice(2));
const server = new grpc.Server();
server.addService(bench.EchoService.service, impl);
server.bindAsync(`${args.host}:${args.port}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    console.error(`could not bind: ${err.message}`);
    process.exit(1);
  }
  console.log(`READY ${port}`);
});
const stop = () => server.tryShutdown(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
