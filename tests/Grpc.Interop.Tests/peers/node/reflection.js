'use strict';
// Server reflection client (grpc-js-reflection-client, a grpcurl stand-in).
// Usage:
//   node reflection.js --target 127.0.0.1:N --version v1|v1alpha list
//       prints {"services":[...]}
//   node reflection.js --target 127.0.0.1:N --version v1|v1alpha describe <package.Service/Method>
//       resolves the file containing the service (and its dependencies, by file name)
//       and prints {"method":...,"requestType":...,"responseType":...,
//       "requestStream":bool,"responseStream":bool,"methods":[all method names]}
// Exit code 0 on success; 1 with the error on stderr otherwise.
const grpc = require('@grpc/grpc-js');
const { GrpcReflection } = require('grpc-js-reflection-client');

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

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const version = args.version || 'v1';
  const [mode, symbol] = args._;
  if (!args.target || !['list', 'describe'].includes(mode) || (mode === 'describe' && !symbol)) {
    console.error('usage: node reflection.js --target HOST:PORT --version v1|v1alpha list|describe Service/Method');
    return 2;
  }
  const client = new GrpcReflection(args.target, grpc.credentials.createInsecure(), {}, version);
  const deadline = () => ({ deadline: Date.now() + 10000 });
  if (mode === 'list') {
    const services = await client.listServices('*', deadline());
    console.log(JSON.stringify({ services }));
    return 0;
  }
  const [serviceName, methodName] = symbol.split('/');
  const descriptor = await client.getDescriptorBySymbol(serviceName, deadline());
  const service = descriptor.getProtobufJsRoot().lookupService(serviceName);
  const methods = Object.keys(service.methods);
  const method = methodName ? service.methods[methodName] : null;
  if (methodName && !method) {
    console.error(`method ${methodName} not found in ${serviceName}; it has ${methods.join(', ')}`);
    return 1;
  }
  const resolve = (typeName) => method.resolvedRequestType !== undefined && typeName
    ? service.lookupType(typeName).fullName.replace(/^\./, '') : typeName;
  if (method) method.resolve();
  console.log(JSON.stringify({
    service: serviceName,
    methods,
    method: method ? method.name : null,
    requestType: method ? resolve(method.requestType) : null,
    responseType: method ? resolve(method.responseType) : null,
    requestStream: method ? !!method.requestStream : null,
    responseStream: method ? !!method.responseStream : null,
  }));
  return 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(`reflection failed: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
