'use strict';
// An independent gRPC client (Node, @grpc/grpc-js) calling the platform through its gateway.
//
// Usage: node client.js --target 127.0.0.1:N --case NAME [--probe ID] [--batch ID] [--year Y]
//   --probe  a value sent as x-interop-probe metadata, so the test can find the call at the service
//   --batch  a labour batch the test stored beforehand (the server stream reads it back)
//   --year   the year of the figures this case submits (each peer and case its own)
// Credentials come from the environment, never the command line: INTEROP_ANALYST_TOKEN (a person's
// bearer token, role analyst) and INTEROP_PUP_KEY (a county labour office's API key).
//
// Prints one JSON object with what the client saw; the test judges it. Exit 0 = the case ran to the
// end (whatever the statuses were); 1 = it could not (the reason on stderr); 2 = bad usage.
const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');
const { service: healthService } = require('grpc-health-check');
const { GrpcReflection } = require('grpc-js-reflection-client');

const SUITE_PROTOS = path.resolve(__dirname, '..', '..', 'protos');
const CONTRACT_PROTOS = path.resolve(__dirname, '..', '..', '..', '..', 'contracts', 'protos');
const LOADER = { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true };
const TIMEOUT_MS = 20000;
const GZIP = 2; // grpc-js compression algorithm ids: identity 0, deflate 1, gzip 2
const STATUS = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));
const PLATFORM_CALLS = [
  // service, method, request: one public read of each service, built from reflection only.
  ['platform.catalogue.v1.CatalogueService', 'ListStrategies', { page: 2, page_size: 7 }],
  ['platform.labour.v1.LabourMarket', 'ListIndicators', {}],
  ['platform.zones.v1.Zones', 'GetSummary', { powiat: '1203' }],
  ['platform.reporting.v1.ReportingService', 'ListReports', { page_size: 9 }],
];

// The platform's protos as the services compile them (contracts/protos).
const platform = grpc.loadPackageDefinition(protoLoader.loadSync(
  ['platform/catalogue/v1/catalogue.proto', 'platform/labour/v1/labour.proto',
    'platform/zones/v1/zones.proto', 'platform/reporting/v1/reporting.proto'],
  { ...LOADER, includeDirs: [CONTRACT_PROTOS] })).platform;

// protobufjs types for grpc-status-details-bin: google.rpc.Status, its details, labour's answer.
const detailTypes = (() => {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    for (const dir of [SUITE_PROTOS, CONTRACT_PROTOS]) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) return candidate;
    }
    return target;
  };
  root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto', 'platform/labour/v1/labour.proto'], { keepCase: true });
  return root;
})();

const soon = (ms = TIMEOUT_MS) => ({ deadline: Date.now() + ms });

function metadata(pairs) {
  const md = new grpc.Metadata();
  for (const [key, value] of pairs) md.add(key, value);
  return md;
}
const analyst = () => [['authorization', `Bearer ${process.env.INTEROP_ANALYST_TOKEN}`]];
const pup = () => [['x-api-key', process.env.INTEROP_PUP_KEY]];

function metadataJson(md) {
  const out = {};
  for (const [key, values] of Object.entries(md ? md.toJSON() : {})) {
    out[key] = values.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v));
  }
  return out;
}

function submissionJson(r) {
  return {
    batch_id: r.batch_id || '',
    received: Number(r.received || 0),
    accepted: Number(r.accepted || 0),
    unchanged: Number(r.unchanged || 0),
    revised: Number(r.revised || 0),
    rejected: Number(r.rejected || 0),
    rejections: (r.rejections || []).map((x) => x.code),
  };
}

// A failed call: its status, message and the google.rpc details of grpc-status-details-bin.
function errorJson(err) {
  if (err.code === undefined) throw err; // not a gRPC status: a bug of the case
  const out = { code: STATUS[err.code], message: err.details };
  const raw = err.metadata ? err.metadata.get('grpc-status-details-bin') : [];
  if (raw.length > 0) {
    const status = detailTypes.lookupType('google.rpc.Status').decode(raw[0]);
    out.status_code = status.code;
    out.status_message = status.message;
    out.detail_types = status.details.map((a) => a.type_url.split('/').pop());
    out.fields = [];
    out.descriptions = [];
    for (const any of status.details) {
      const type = any.type_url.split('/').pop();
      if (type === 'google.rpc.BadRequest') {
        for (const v of detailTypes.lookupType(type).decode(any.value).field_violations) {
          out.fields.push(v.field);
          out.descriptions.push(v.description);
        }
      } else if (type === 'platform.labour.v1.SubmitObservationsResponse') {
        out.answer = submissionJson(detailTypes.lookupType(type).toObject(detailTypes.lookupType(type).decode(any.value), { longs: Number }));
      }
    }
  }
  return out;
}

// {ok: result} or {error: ...} of one call.
async function outcome(fn) {
  try {
    return { ok: await fn() };
  } catch (err) {
    return { error: errorJson(err) };
  }
}

// A unary call with its response headers and trailers.
function unary(client, method, request, md = new grpc.Metadata(), options = soon()) {
  return new Promise((resolve, reject) => {
    let initial = null;
    let result = null;
    let status = null;
    const settle = () => {
      if (!result || !status) return;
      if (result.err) reject(result.err);
      else resolve({ response: result.response, initial, trailing: status.metadata, code: STATUS[status.code] });
    };
    const call = client[method](request, md, options, (err, response) => { result = { err, response }; settle(); });
    call.on('metadata', (m) => { initial = m; });
    call.on('status', (s) => { status = s; settle(); });
  });
}

// A server stream read to its end; onMessage sees each message as it comes.
function readAll(call, onMessage = () => {}) {
  return new Promise((resolve, reject) => {
    const messages = [];
    call.on('data', (m) => { messages.push(m); onMessage(m); });
    call.on('error', reject);
    call.on('status', (s) => { if (s.code === grpc.status.OK) resolve(messages); });
  });
}

// The client stream: batch id and source in the first message, rows spread over several.
function chunks(batchId, rows, size) {
  const out = [];
  for (let i = 0; i < rows.length; i += size) {
    out.push({ batch_id: i === 0 ? batchId : '', source: i === 0 ? 'PUP Chrzanów (grpc-js)' : '', rows: rows.slice(i, i + size) });
  }
  return out;
}

function submit(client, messages, md, options = soon()) {
  return new Promise((resolve, reject) => {
    const call = client.SubmitObservations(md, options, (err, response) => (err ? reject(err) : resolve(response)));
    for (const message of messages) call.write(message);
    call.end();
  });
}

function rowsFor(year, source = '') {
  return Array.from({ length: 12 }, (_, i) => ({
    indicator: 'inflow', unit: '1203', period: `${year}-${String(i + 1).padStart(2, '0')}`, value: 101 + i, source,
  }));
}

const cases = {
  async health(ctx) {
    const Health = grpc.makeClientConstructor(healthService, 'grpc.health.v1.Health');
    const client = new Health(ctx.target, grpc.credentials.createInsecure(), ctx.channelOptions);
    const out = {};
    for (const [name, service] of [['overall', ''], ['liveness', 'liveness'], ['unknown', 'no.such.Service']]) {
      try {
        out[name] = (await unary(client, 'Check', { service })).response.status;
      } catch (err) {
        out[name] = errorJson(err).code;
      }
    }
    client.close();
    return out;
  },

  // The listing, then one call of each service with messages built only from what reflection served.
  async reflection(ctx) {
    const reflection = new GrpcReflection(ctx.target, grpc.credentials.createInsecure(), ctx.channelOptions, 'v1');
    const out = { services: await reflection.listServices('*', soon()), calls: {} };
    for (const [serviceName, methodName, request] of PLATFORM_CALLS) {
      const descriptor = await reflection.getDescriptorBySymbol(serviceName, soon());
      const Client = serviceName.split('.').reduce((o, part) => o[part], descriptor.getPackageObject(LOADER));
      const client = new Client(ctx.target, grpc.credentials.createInsecure(), ctx.channelOptions);
      try {
        const type = descriptor.getProtobufJsRoot().lookupService(serviceName).methods[methodName];
        type.resolve();
        const { response } = await unary(client, methodName, request);
        out.calls[`${serviceName}/${methodName}`] = { type: type.resolvedResponseType.fullName.replace(/^\./, ''), response };
      } finally {
        client.close();
      }
    }
    return out;
  },

  async unary(ctx) {
    const { response } = await unary(ctx.labour, 'ListUnits', { parent: '1203', page_size: 100 });
    const units = response.units || [];
    return { total: response.total, units: units.map((u) => u.teryt), names: Object.fromEntries(units.map((u) => [u.teryt, u.name])) };
  },

  async server_stream(ctx) {
    const exportCall = (pairs) => readAll(ctx.labour.ExportObservations({ batch_id: ctx.args.batch, page_size: 100 }, metadata(pairs), soon()));
    const pages = (await exportCall(analyst())).map((p) => (p.observations || []).map((o) => Number(o.id)));
    return {
      pages: pages.map((p) => p.length),
      ids: pages.flat(),
      anonymous: await outcome(() => exportCall([])),
      labour_office: await outcome(() => exportCall(pup())),
    };
  },

  async client_stream(ctx) {
    const batch = `interop-node-${ctx.args.year}`;
    const rows = rowsFor(ctx.args.year);
    const first = await submit(ctx.labour, chunks(batch, rows, 5), metadata(pup()));
    // Re-sending an accepted batch changes nothing and answers as the first time.
    const again = await submit(ctx.labour, chunks(batch, rows, 12), metadata(pup()));
    return { batch, messages: chunks(batch, rows, 5).length, first: submissionJson(first), again: submissionJson(again) };
  },

  async deadline(ctx) {
    const units = { parent: '1203' };
    // Connected first, so that the deadlines below are spent on the calls, not on resolving and connecting.
    const before = (await unary(ctx.labour, 'ListUnits', units)).response.total;
    const tiny = await outcome(async () => (await unary(ctx.labour, 'ListUnits', units, new grpc.Metadata(), soon(1))).response.total);
    // A stream that needs one database page per message cannot send them all in 500 ms.
    let received = 0;
    const stream = await outcome(async () => {
      await readAll(ctx.labour.ExportObservations({ batch_id: ctx.args.batch, page_size: 1 },
        metadata([...analyst(), ['x-interop-probe', ctx.args.probe]]), soon(500)), () => { received++; });
      return received;
    });
    const after = (await unary(ctx.labour, 'ListUnits', units)).response.total;
    return { before, unary: tiny, stream, stream_received: received, after };
  },

  async cancel(ctx) {
    const call = ctx.labour.ExportObservations({ batch_id: ctx.args.batch, page_size: 1 },
      metadata([...analyst(), ['x-interop-probe', ctx.args.probe]]), soon(60000));
    const seen = await new Promise((resolve) => {
      let first = null;
      call.on('data', (m) => {
        if (first) return;
        first = m;
        call.cancel();
      });
      call.on('error', (err) => resolve({ first, code: STATUS[err.code] }));
      call.on('status', (s) => { if (s.code === grpc.status.OK) resolve({ first, code: 'OK' }); });
    });
    const after = (await unary(ctx.labour, 'ListUnits', { parent: '1203' })).response.total;
    return { first_page: seen.first ? (seen.first.observations || []).length : 0, code: seen.code, after };
  },

  async metadata(ctx) {
    const catalogue = new platform.catalogue.v1.CatalogueService(ctx.target, grpc.credentials.createInsecure(), ctx.channelOptions);
    try {
      const sent = metadata([['x-interop-probe', ctx.args.probe], ['x-interop-note-bin', Buffer.from([0, 1, 2, 0xfe, 0xff])],
        ['x-correlation-id', `interop-${ctx.args.probe}`]]);
      const result = await unary(catalogue, 'ListStrategies', {}, sent);
      // The same with the labour office's key: the service must hear the gateway's identity, not the key.
      await unary(catalogue, 'ListStrategies', {}, metadata([...pup(), ['x-interop-probe', `${ctx.args.probe}-key`]]));
      return { initial: metadataJson(result.initial), trailing: metadataJson(result.trailing), code: result.code };
    } finally {
      catalogue.close();
    }
  },

  // gzip-compressed request messages (grpc-js offers gzip for the answers: grpc-accept-encoding).
  async compression(ctx) {
    const gzip = new platform.labour.v1.LabourMarket(ctx.target, grpc.credentials.createInsecure(),
      { ...ctx.channelOptions, 'grpc.default_compression_algorithm': GZIP });
    try {
      const batch = `interop-node-gzip-${ctx.args.year}`;
      const rows = rowsFor(ctx.args.year, 'PUP Chrzanów, sprawozdanie MRPiPS-01 '.repeat(4));
      const answer = await submit(gzip, chunks(batch, rows, 4), metadata([...pup(), ['x-interop-probe', ctx.args.probe]]));
      const units = (await unary(gzip, 'ListUnits', { parent: '12' })).response.total;
      return { answer: submissionJson(answer), units };
    } finally {
      gzip.close();
    }
  },

  async invalid_argument(ctx) {
    const zones = new platform.zones.v1.Zones(ctx.target, grpc.credentials.createInsecure(), ctx.channelOptions);
    try {
      const unaryCall = await outcome(async () => ((await unary(zones, 'GetSummary', { powiat: '12x' })).response.gminy || []).length);
      const rows = [
        { indicator: 'inflow', unit: '1203', period: '2009-01', value: 5 },
        { indicator: 'inflow', unit: '1203', period: '2009-02', value: -4 },
        { indicator: 'inflow', unit: '1203', period: '2009-13', value: 5 },
        { indicator: 'no_such_indicator', unit: '1203', period: '2009-03', value: 5 },
      ];
      const streamCall = await outcome(async () => submissionJson(await submit(ctx.labour, chunks('interop-node-bad', rows, 2), metadata(pup()))));
      return { unary: unaryCall, stream: streamCall };
    } finally {
      zones.close();
    }
  },
};

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    let [key, value] = argv[i].replace(/^--/, '').split('=');
    if (value === undefined) value = argv[++i];
    args[key] = value;
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.target || !cases[args.case]) {
    console.error(`usage: node client.js --target HOST:PORT --case NAME; cases: ${Object.keys(cases).join(', ')}`);
    return 2;
  }
  args.year = Number(args.year || 2010);
  const channelOptions = {};
  const labour = new platform.labour.v1.LabourMarket(args.target, grpc.credentials.createInsecure(), channelOptions);
  try {
    const result = await cases[args.case]({ target: args.target, args, channelOptions, labour });
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    const reason = err.code === undefined ? (err.stack || String(err)) : `unexpected status ${JSON.stringify(errorJson(err))}`;
    console.error(`FAIL ${args.case}: ${reason}`);
    return 1;
  } finally {
    labour.close();
  }
}

main().then((code) => process.exit(code), (err) => { console.error(err); process.exit(1); });
