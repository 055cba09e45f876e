'use strict';
// grpc.health.v1 client built from the grpc-health-check package's service definition.
// Usage:
//   node health-check.js --target 127.0.0.1:N check [--service NAME]
//       prints {"status":"SERVING"} (exit 0) or {"code":5,"details":"..."} (exit 0: the
//       caller judges); a transport failure exits 1.
//   node health-check.js --target 127.0.0.1:N watch [--service NAME] [--count K] [--timeout_ms T]
//       prints one {"status":...} line per update as it arrives; exits 0 after K updates
//       (default 1, the call is then cancelled), 1 on an error or after T ms (default 30000).
const grpc = require('@grpc/grpc-js');
const { service } = require('grpc-health-check');

function parseArgs(argv) {
  const args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) { args._.push(argv[i]); continue; }
    let [key, value] = argv[i].slice(2).split('=');
    if (value === undefined) value = argv[++i];
    args[key] = value;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const mode = args._[0] || 'check';
if (!args.target) {
  console.error('usage: node health-check.js --target HOST:PORT check|watch [--service NAME]');
  process.exit(2);
}
const HealthClient = grpc.makeClientConstructor(service, 'grpc.health.v1.Health');
const client = new HealthClient(args.target, grpc.credentials.createInsecure());
const request = { service: args.service || '' };

function out(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

if (mode === 'check') {
  client.Check(request, { deadline: Date.now() + 10000 }, (err, response) => {
    if (err) {
      out({ code: err.code, details: err.details });
      process.exit(err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED ? 1 : 0);
    }
    out({ status: response.status });
    process.exit(0);
  });
} else if (mode === 'watch') {
  const count = Number(args.count || 1);
  let seen = 0;
  const call = client.Watch(request);
  const timer = setTimeout(() => {
    console.error(`timed out after ${seen} of ${count} updates`);
    process.exit(1);
  }, Number(args.timeout_ms || 30000));
  call.on('data', (response) => {
    seen++;
    out({ status: response.status });
    if (seen >= count) {
      clearTimeout(timer);
      call.cancel();
      process.exit(0);
    }
  });
  call.on('error', (err) => {
    if (err.code === grpc.status.CANCELLED && seen >= count) return;
    out({ code: err.code, details: err.details });
    process.exit(1);
  });
  call.on('end', () => {
    console.error('the server ended the Watch stream');
    process.exit(1);
  });
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
