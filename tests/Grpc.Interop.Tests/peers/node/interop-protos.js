'use strict';
// Loads the interop protos (tests/Grpc.Interop.Tests/protos, package grpc.testing) with
// @grpc/proto-loader. Message fields keep their proto names; absent message fields stay
// undefined so that "nullable" BoolValue fields can be told apart from false.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.resolve(__dirname, '..', '..', 'protos');

const packageDefinition = protoLoader.loadSync(
  ['grpc/testing/empty.proto', 'grpc/testing/messages.proto', 'grpc/testing/test.proto'],
  { keepCase: true, longs: String, enums: String, defaults: false, oneofs: true, includeDirs: [PROTO_ROOT] });

const testing = grpc.loadPackageDefinition(packageDefinition).grpc.testing;

function zeros(size) {
  return Buffer.alloc(size || 0);
}

function payload(size) {
  return { type: 'COMPRESSABLE', body: zeros(size) };
}

function boolValue(v) {
  return v === undefined || v === null ? undefined : !!v.value;
}

module.exports = { grpc, testing, PROTO_ROOT, payload, boolValue };
