'use strict';
// gRPC interop test server (grpc.testing.TestService) on @grpc/grpc-js.
// Usage: node server.js --port N   (0 = any free port). Prints "READY <port>" once listening.
//
// grpc-js limits, documented in the interop test report:
//  * it never compresses responses (its serializer always writes flag 0), so
//    response_compressed / ResponseParameters.compressed cannot be honoured;
//  * it hides grpc-encoding from handlers. The CompressedRequest check reads the
//    request's grpc-encoding through a server interceptor (BaseServerInterceptingCall's
//    incomingEncoding field); it is per call, not per message.
const { grpc, testing, payload, boolValue } = require('./interop-protos');

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';
const RECEIVED_ENCODING = 'x-interop-received-grpc-encoding';

function parseArgs(argv) {
  const args = { port: 0, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].replace(/^--/, '').split('=');
    if (value === undefined) value = argv[++i];
    args[key] = value;
  }
  return args;
}

// Copies the call's grpc-encoding into a private metadata key visible to the handlers.
function encodingInterceptor(methodDescriptor, call) {
  const encoding = typeof call.incomingEncoding === 'string' ? call.incomingEncoding : 'unknown';
  return new grpc.ServerInterceptingCall(call, {
    start(next) {
      next({
        onReceiveMetadata(metadata, mdNext) {
          metadata.set(RECEIVED_ENCODING, encoding);
          mdNext(metadata);
        },
      });
    },
  });
}

function requestCompressed(call) {
  const encoding = String(call.metadata.get(RECEIVED_ENCODING)[0] || 'unknown');
  if (encoding === 'unknown') {
    throw new Error('cannot observe the request encoding (grpc-js internals changed)');
  }
  return encoding !== 'identity';
}

function echoInitial(call) {
  const value = call.metadata.get(ECHO_INITIAL);
  if (value.length > 0) {
    const md = new grpc.Metadata();
    md.set(ECHO_INITIAL, value[0]);
    call.sendMetadata(md);
  }
}

function trailingMetadata(call) {
  const md = new grpc.Metadata();
  const value = call.metadata.get(ECHO_TRAILING);
  if (value.length > 0) md.set(ECHO_TRAILING, value[0]);
  return md;
}

function statusError(call, echoStatus) {
  return { code: echoStatus.code, details: echoStatus.message || '', metadata: trailingMetadata(call) };
}

function invalidArgument(call, message) {
  return { code: grpc.status.INVALID_ARGUMENT, details: message, metadata: trailingMetadata(call) };
}

function sleepUs(us) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, (us || 0) / 1000)));
}

function writeAsync(call, message) {
  return new Promise((resolve) => {
    if (!call.write(message)) call.once('drain', resolve); else resolve();
  });
}

async function respond(call, parameters) {
  for (const p of parameters || []) {
    if (call.cancelled) return;
    if (p.interval_us) await sleepUs(p.interval_us);
    await writeAsync(call, { payload: payload(p.size) });
  }
}

const impl = {
  EmptyCall(call, callback) {
    echoInitial(call);
    callback(null, {}, trailingMetadata(call));
  },

  UnaryCall(call, callback) {
    const req = call.request;
    if (boolValue(req.expect_compressed) === true && !requestCompressed(call)) {
      callback(invalidArgument(call, 'Expected compressed request'));
      return;
    }
    echoInitial(call);
    if (req.response_status && req.response_status.code) {
      callback(statusError(call, req.response_status));
      return;
    }
    callback(null, { payload: payload(req.response_size) }, trailingMetadata(call));
  },

  CacheableUnaryCall(call, callback) {
    impl.UnaryCall(call, callback);
  },

  async StreamingOutputCall(call) {
    echoInitial(call);
    await respond(call, call.request.response_parameters);
    const status = call.request.response_status;
    if (status && status.code) {
      call.emit('error', statusError(call, status));
      return;
    }
    call.end(trailingMetadata(call));
  },

  StreamingInputCall(call, callback) {
    let total = 0;
    let failed = false;
    echoInitial(call);
    call.on('data', (req) => {
      if (failed) return;
      if (boolValue(req.expect_compressed) === true && !requestCompressed(call)) {
        failed = true;
        callback(invalidArgument(call, 'Expected compressed request'));
        return;
      }
      total += req.payload && req.payload.body ? req.payload.body.length : 0;
    });
    call.on('end', () => {
      if (!failed) callback(null, { aggregated_payload_size: total }, trailingMetadata(call));
    });
    call.on('error', () => {});
  },

  FullDuplexCall(call) {
    echoInitial(call);
    let chain = Promise.resolve();
    let done = false;
    call.on('data', (req) => {
      chain = chain.then(async () => {
        if (done) return;
        if (req.response_status && req.response_status.code) {
          done = true;
          call.emit('error', statusError(call, req.response_status));
          return;
        }
        await respond(call, req.response_parameters);
      });
    });
    call.on('end', () => {
      chain.then(() => {
        if (!done) {
          done = true;
          call.end(trailingMetadata(call));
        }
      });
    });
    call.on('error', () => {});
  },

  HalfDuplexCall(call) {
    echoInitial(call);
    const requests = [];
    call.on('data', (req) => requests.push(req));
    call.on('end', async () => {
      for (const req of requests) {
        if (req.response_status && req.response_status.code) {
          call.emit('error', statusError(call, req.response_status));
          return;
        }
        await respond(call, req.response_parameters);
      }
      call.end(trailingMetadata(call));
    });
    call.on('error', () => {});
  },
  // UnimplementedCall is deliberately left out: grpc-js answers it with UNIMPLEMENTED.
};

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (String(args.use_tls || 'false') === 'true') {
    console.error('TLS is not supported by this test server');
    process.exit(2);
  }
  const server = new grpc.Server({ interceptors: [encodingInterceptor] });
  server.addService(testing.TestService.service, impl);
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
}

main();
