'use strict';
// gRPC interop test client on @grpc/grpc-js.
// Usage: node client.js --server_host 127.0.0.1 --server_port N --test_case NAME
//        [--server_host_override H] [--use_tls false] [--server_checks_compression true]
// Exit code 0 = pass; on failure a message on stderr and exit code 1.
//
// grpc-js hides the per-message compressed flag and grpc-encoding of responses, so the
// server_compressed_* cases check the payloads only. --server_checks_compression=false
// (not an official flag) lets the CompressedRequest probe pass against servers that
// cannot observe request compression (grpcio's).
const { grpc, testing, payload } = require('./interop-protos');

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';
const INITIAL_VALUE = 'test_initial_metadata_value';
const TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);
const NO_COMPRESS = 2; // grpc.WriteFlags.NoCompress
const GZIP = 2; // compression algorithm id for grpc.default_compression_algorithm

class CaseFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CaseFailed(message);
}

function checkBody(p, size, what = 'response') {
  const body = p && p.body ? p.body : Buffer.alloc(0);
  check(body.length === size, `${what} payload is ${body.length} bytes, expected ${size}`);
  check(body.every((b) => b === 0), `${what} payload is not all zeros`);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].replace(/^--/, '').split('=');
    if (value === undefined) value = argv[++i];
    args[key] = value;
  }
  return args;
}

function unary(client, method, request, options = {}) {
  // Settles once both the callback and the 'status' event (which carries trailers) came.
  return new Promise((resolve, reject) => {
    let initial = null;
    let outcome = null;
    let status = null;
    const settle = () => {
      if (!outcome || !status) return;
      if (outcome.err) reject(outcome.err);
      else resolve({ response: outcome.response, initial, trailing: status.metadata });
    };
    const call = client[method](request, options.metadata || new grpc.Metadata(), options.callOptions || {},
      (err, response) => { outcome = { err, response }; settle(); });
    call.on('metadata', (md) => { initial = md; });
    call.on('status', (s) => { status = s; settle(); });
  });
}

async function expectStatus(promise, code, message) {
  try {
    const result = await promise;
    throw new CaseFailed(`expected status ${code}, but the call succeeded: ${JSON.stringify(result && result.response)}`);
  } catch (err) {
    if (err instanceof CaseFailed) throw err;
    check(err.code === code, `expected status ${code}, got ${err.code} (${JSON.stringify(err.details)})`);
    if (message !== undefined) {
      check(err.details === message, `expected status message ${JSON.stringify(message)}, got ${JSON.stringify(err.details)}`);
    }
    return err;
  }
}

// Reads a stream call to its end: { responses, initial, status } or rejects with the error.
function collect(call) {
  return new Promise((resolve, reject) => {
    const responses = [];
    let initial = null;
    call.on('metadata', (md) => { initial = md; });
    call.on('data', (r) => responses.push(r));
    call.on('error', reject);
    call.on('status', (status) => {
      if (status.code === grpc.status.OK) resolve({ responses, initial, status });
    });
  });
}

// Next 'data' from a duplex call, or the error that ended it.
function nextMessage(call) {
  return new Promise((resolve, reject) => {
    const onData = (r) => { cleanup(); resolve(r); };
    const onError = (e) => { cleanup(); reject(e); };
    const onEnd = () => { cleanup(); reject(new CaseFailed('stream ended before a response')); };
    function cleanup() {
      call.removeListener('data', onData);
      call.removeListener('error', onError);
      call.removeListener('end', onEnd);
    }
    call.on('data', onData);
    call.on('error', onError);
    call.on('end', onEnd);
  });
}

function clientStreaming(client, requests, options = {}) {
  return new Promise((resolve, reject) => {
    const call = client.StreamingInputCall(options.metadata || new grpc.Metadata(), options.callOptions || {},
      (err, response) => (err ? reject(err) : resolve({ response })));
    for (const [request, flags] of requests) call.write(request, flags);
    call.end();
  });
}

class Cases {
  constructor(target, options) {
    this.target = target;
    this.options = options;
    this.serverChecksCompression = options.serverChecksCompression;
    this.client = new testing.TestService(target, grpc.credentials.createInsecure(), options.channelOptions);
  }

  compressingClient() {
    return new testing.TestService(this.target, grpc.credentials.createInsecure(),
      { ...this.options.channelOptions, 'grpc.default_compression_algorithm': GZIP });
  }

  async probe(promise) {
    if (this.serverChecksCompression) {
      await expectStatus(promise, grpc.status.INVALID_ARGUMENT);
      return;
    }
    try { await promise; } catch (err) {
      check(err.code === grpc.status.INVALID_ARGUMENT, `probe: expected INVALID_ARGUMENT or OK, got ${err.code}`);
    }
  }

  async empty_unary() {
    const { response } = await unary(this.client, 'EmptyCall', {});
    check(response !== null && typeof response === 'object', 'response is null');
  }

  async large_unary() {
    const { response } = await unary(this.client, 'UnaryCall',
      { response_type: 'COMPRESSABLE', response_size: 314159, payload: payload(271828) });
    checkBody(response.payload, 314159);
  }

  async client_compressed_unary() {
    const request = (expect) => ({ expect_compressed: { value: expect }, response_size: 314159, payload: payload(271828) });
    await this.probe(unary(this.client, 'UnaryCall', request(true)));
    const compressing = this.compressingClient();
    try {
      const { response } = await unary(compressing, 'UnaryCall', request(true));
      checkBody(response.payload, 314159);
    } finally {
      compressing.close();
    }
    const { response } = await unary(this.client, 'UnaryCall', request(false));
    checkBody(response.payload, 314159);
  }

  async server_compressed_unary() {
    for (const compressed of [true, false]) {
      const { response } = await unary(this.client, 'UnaryCall',
        { response_compressed: { value: compressed }, response_size: 314159, payload: payload(271828) });
      checkBody(response.payload, 314159);
    }
  }

  async client_streaming() {
    const sizes = [27182, 8, 1828, 45904];
    const { response } = await clientStreaming(this.client, sizes.map((s) => [{ payload: payload(s) }]));
    check(response.aggregated_payload_size === 74922, `aggregated_payload_size ${response.aggregated_payload_size}, expected 74922`);
  }

  async client_compressed_streaming() {
    await this.probe(clientStreaming(this.client,
      [[{ expect_compressed: { value: true }, payload: payload(27182) }]]));
    const compressing = this.compressingClient();
    try {
      const { response } = await clientStreaming(compressing, [
        [{ expect_compressed: { value: true }, payload: payload(27182) }],
        [{ expect_compressed: { value: false }, payload: payload(45904) }, NO_COMPRESS],
      ]);
      check(response.aggregated_payload_size === 73086, `aggregated_payload_size ${response.aggregated_payload_size}, expected 73086`);
    } finally {
      compressing.close();
    }
  }

  async server_streaming() {
    const sizes = [31415, 9, 2653, 58979];
    const { responses } = await collect(this.client.StreamingOutputCall(
      { response_type: 'COMPRESSABLE', response_parameters: sizes.map((size) => ({ size })) }));
    check(responses.length === 4, `got ${responses.length} responses, expected 4`);
    responses.forEach((r, i) => checkBody(r.payload, sizes[i]));
  }

  async server_compressed_streaming() {
    const { responses } = await collect(this.client.StreamingOutputCall({
      response_parameters: [{ compressed: { value: true }, size: 31415 }, { compressed: { value: false }, size: 92653 }],
    }));
    check(responses.length === 2, `got ${responses.length} responses, expected 2`);
    checkBody(responses[0].payload, 31415);
    checkBody(responses[1].payload, 92653);
  }

  async ping_pong() {
    const sizes = [[31415, 27182], [9, 8], [2653, 1828], [58979, 45904]];
    const call = this.client.FullDuplexCall();
    const done = collect(call);
    for (const [responseSize, payloadSize] of sizes) {
      const next = nextMessage(call);
      call.write({ response_parameters: [{ size: responseSize }], payload: payload(payloadSize) });
      checkBody((await next).payload, responseSize);
    }
    call.end();
    const { responses } = await done;
    check(responses.length === 4, `got ${responses.length} responses, expected 4`);
  }

  async empty_stream() {
    const call = this.client.FullDuplexCall();
    const done = collect(call);
    call.end();
    const { responses } = await done;
    check(responses.length === 0, `got ${responses.length} responses, expected none`);
  }

  async custom_metadata() {
    const metadata = () => {
      const md = new grpc.Metadata();
      md.set(ECHO_INITIAL, INITIAL_VALUE);
      md.set(ECHO_TRAILING, TRAILING_VALUE);
      return md;
    };
    const checkMetadata = (initial, trailing, what) => {
      const i = initial ? initial.get(ECHO_INITIAL) : [];
      const t = trailing ? trailing.get(ECHO_TRAILING) : [];
      check(i.length === 1 && i[0] === INITIAL_VALUE, `${what}: initial metadata ${JSON.stringify(initial && initial.toJSON())} lacks the echo`);
      check(t.length === 1 && Buffer.isBuffer(t[0]) && t[0].equals(TRAILING_VALUE),
        `${what}: trailing metadata ${JSON.stringify(trailing && trailing.toJSON())} lacks the echo`);
    };
    const unaryResult = await unary(this.client, 'UnaryCall', { response_size: 314159, payload: payload(271828) },
      { metadata: metadata() });
    checkBody(unaryResult.response.payload, 314159);
    checkMetadata(unaryResult.initial, unaryResult.trailing, 'UnaryCall');

    const call = this.client.FullDuplexCall(metadata());
    const done = collect(call);
    call.write({ response_parameters: [{ size: 314159 }], payload: payload(271828) });
    call.end();
    const { responses, initial, status } = await done;
    check(responses.length === 1, `FullDuplexCall: got ${responses.length} responses`);
    checkBody(responses[0].payload, 314159);
    checkMetadata(initial, status.metadata, 'FullDuplexCall');
  }

  async statusEcho(message, duplex) {
    const responseStatus = { code: 2, message };
    await expectStatus(unary(this.client, 'UnaryCall', { response_status: responseStatus }), grpc.status.UNKNOWN, message);
    if (duplex) {
      const call = this.client.FullDuplexCall();
      const done = collect(call);
      call.write({ response_status: responseStatus });
      call.end();
      await expectStatus(done, grpc.status.UNKNOWN, message);
    }
  }

  async status_code_and_message() {
    await this.statusEcho('test status message', true);
  }

  async special_status_message() {
    await this.statusEcho('\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \u{1F608}\t\n', false);
  }

  async unimplemented_method() {
    const err = await new Promise((resolve) => {
      this.client.makeUnaryRequest('/grpc.testing.TestService/UnimplementedCall',
        () => Buffer.alloc(0), (b) => b, {}, (e, r) => resolve(e || { code: 0, response: r }));
    });
    check(err.code === grpc.status.UNIMPLEMENTED, `expected UNIMPLEMENTED, got ${err.code} (${JSON.stringify(err.details)})`);
  }

  async unimplemented_service() {
    const client = new testing.UnimplementedService(this.target, grpc.credentials.createInsecure(), this.options.channelOptions);
    try {
      await expectStatus(unary(client, 'UnimplementedCall', {}), grpc.status.UNIMPLEMENTED);
    } finally {
      client.close();
    }
  }

  async cancel_after_begin() {
    const result = new Promise((resolve) => {
      const call = this.client.StreamingInputCall((err, response) => resolve(err || { code: 0, response }));
      call.cancel();
    });
    const err = await result;
    check(err.code === grpc.status.CANCELLED, `expected CANCELLED, got ${err.code}`);
  }

  async cancel_after_first_response() {
    const call = this.client.FullDuplexCall();
    const ended = new Promise((resolve) => call.on('error', resolve));
    call.on('status', () => {});
    const first = nextMessage(call);
    call.write({ response_parameters: [{ size: 31415 }], payload: payload(27182) });
    checkBody((await first).payload, 31415);
    call.cancel();
    const err = await ended;
    check(err.code === grpc.status.CANCELLED, `expected CANCELLED, got ${err.code}`);
  }

  async timeout_on_sleeping_server() {
    const call = this.client.FullDuplexCall({ deadline: Date.now() + 1 });
    const ended = new Promise((resolve) => {
      call.on('error', resolve);
      call.on('data', () => resolve({ code: 'a response' }));
    });
    call.write({ payload: payload(27182) });
    const err = await ended;
    check(err.code === grpc.status.DEADLINE_EXCEEDED, `expected DEADLINE_EXCEEDED, got ${err.code}`);
  }

  // Extra cases, beyond doc/interop-test-descriptions.md.

  async binary_metadata_padding() {
    // grpc-js sends -bin values as padded base64.
    for (const value of [Buffer.from([0xab]), Buffer.from([0xab, 0xcd]), Buffer.from([0, 1, 2, 0xff])]) {
      const md = new grpc.Metadata();
      md.set(ECHO_TRAILING, value);
      const { trailing } = await unary(this.client, 'UnaryCall', {}, { metadata: md });
      const echoed = trailing ? trailing.get(ECHO_TRAILING) : [];
      check(echoed.length === 1 && Buffer.isBuffer(echoed[0]) && echoed[0].equals(value),
        `sent ${value.toString('hex')}, the trailer echoed ${JSON.stringify(echoed.map((b) => Buffer.from(b).toString('hex')))}`);
    }
  }

  async status_after_messages() {
    const call = this.client.StreamingOutputCall({
      response_parameters: [{ size: 10 }, { size: 10 }],
      response_status: { code: 9, message: 'failed after messages' },
    });
    const received = [];
    call.on('data', (r) => received.push(r));
    await expectStatus(collect(call), grpc.status.FAILED_PRECONDITION, 'failed after messages');
    check(received.length === 2, `got ${received.length} messages before the status, expected 2`);
  }
}

const CASE_NAMES = Object.getOwnPropertyNames(Cases.prototype)
  .filter((n) => /^[a-z_]+$/.test(n) && n !== 'constructor' && n !== 'probe');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (String(args.use_tls || 'false') === 'true') {
    console.error('TLS is not supported by this test client');
    return 2;
  }
  if (!args.server_port || !args.test_case) {
    console.error('usage: node client.js --server_host H --server_port N --test_case NAME');
    return 2;
  }
  if (!CASE_NAMES.includes(args.test_case)) {
    console.error(`unknown test case ${args.test_case}; known: ${CASE_NAMES.join(', ')}`);
    return 2;
  }
  const channelOptions = {};
  if (args.server_host_override) channelOptions['grpc.default_authority'] = args.server_host_override;
  const cases = new Cases(`${args.server_host || '127.0.0.1'}:${args.server_port}`, {
    channelOptions,
    serverChecksCompression: String(args.server_checks_compression || 'true') !== 'false',
  });
  try {
    await cases[args.test_case]();
  } catch (err) {
    if (err instanceof CaseFailed) {
      console.error(`FAIL ${args.test_case}: ${err.message}`);
    } else {
      console.error(`FAIL ${args.test_case}: unexpected error ${err && err.code !== undefined ? `status ${err.code} ${JSON.stringify(err.details)}` : (err && err.stack) || err}`);
    }
    return 1;
  } finally {
    cases.client.close();
  }
  console.log(`PASS ${args.test_case}`);
  return 0;
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
