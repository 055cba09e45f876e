#!/usr/bin/python3
"""gRPC interop test server (grpc.testing.TestService) on Python grpcio.

Usage: /usr/bin/python3 server.py --port N [--use_tls false]
Prints "READY <port>" on stdout once it listens on 127.0.0.1:<port> (port 0 = pick one).
"""

import argparse
import sys
import time
from concurrent import futures

import grpc

from interop_protos import STATUS_BY_CODE, empty_pb2, messages_pb2, test_pb2_grpc

ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"


def _metadata(context):
    return {key: value for key, value in context.invocation_metadata()}


def _request_compressed(context):
    """Whether the request arrived compressed, or None when that cannot be known.

    grpcio (1.51) hides both the per-message compressed flag and the grpc-encoding
    header from servicers, so this server cannot implement the CompressedRequest
    check: it accepts requests whatever their expect_compressed says. Clients must be
    told (client flag --server_checks_compression=false) not to expect the probe's
    INVALID_ARGUMENT from it.
    """
    encoding = _metadata(context).get("grpc-encoding")
    if encoding is None:
        return None
    return encoding not in ("", "identity")


def _echo_metadata(context):
    md = _metadata(context)
    if ECHO_INITIAL in md:
        context.send_initial_metadata(((ECHO_INITIAL, md[ECHO_INITIAL]),))
    if ECHO_TRAILING in md:
        context.set_trailing_metadata(((ECHO_TRAILING, md[ECHO_TRAILING]),))


def _payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=b"\0" * size)


def _apply_status(context, echo_status):
    context.set_code(STATUS_BY_CODE.get(echo_status.code, grpc.StatusCode.UNKNOWN))
    context.set_details(echo_status.message)


class TestService(test_pb2_grpc.TestServiceServicer):
    def EmptyCall(self, request, context):
        _echo_metadata(context)
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        if request.HasField("expect_compressed") and request.expect_compressed.value \
                and _request_compressed(context) is False:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "Expected compressed request")
        if request.HasField("response_compressed"):
            context.set_compression(grpc.Compression.Gzip if request.response_compressed.value
                                    else grpc.Compression.NoCompression)
        _echo_metadata(context)
        if request.response_status.code != 0:
            _apply_status(context, request.response_status)
            return messages_pb2.SimpleResponse()
        return messages_pb2.SimpleResponse(payload=_payload(request.response_size))

    def CacheableUnaryCall(self, request, context):
        return self.UnaryCall(request, context)

    def _respond(self, context, params):
        if params.interval_us > 0:
            time.sleep(params.interval_us / 1e6)
        if params.HasField("compressed") and not params.compressed.value:
            context.disable_next_message_compression()
        return messages_pb2.StreamingOutputCallResponse(payload=_payload(params.size))

    def StreamingOutputCall(self, request, context):
        if any(p.HasField("compressed") and p.compressed.value for p in request.response_parameters):
            context.set_compression(grpc.Compression.Gzip)
        _echo_metadata(context)
        for params in request.response_parameters:
            yield self._respond(context, params)
        if request.response_status.code != 0:
            _apply_status(context, request.response_status)

    def StreamingInputCall(self, request_iterator, context):
        _echo_metadata(context)
        total = 0
        for request in request_iterator:
            if request.HasField("expect_compressed") and request.expect_compressed.value \
                    and _request_compressed(context) is False:
                context.abort(grpc.StatusCode.INVALID_ARGUMENT, "Expected compressed request")
            total += len(request.payload.body)
        return messages_pb2.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        _echo_metadata(context)
        for request in request_iterator:
            if request.response_status.code != 0:
                _apply_status(context, request.response_status)
                return
            for params in request.response_parameters:
                yield self._respond(context, params)

    def HalfDuplexCall(self, request_iterator, context):
        _echo_metadata(context)
        requests = list(request_iterator)
        for request in requests:
            if request.response_status.code != 0:
                _apply_status(context, request.response_status)
                return
            for params in request.response_parameters:
                yield self._respond(context, params)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--use_tls", default="false")
    args = parser.parse_args()
    if args.use_tls.lower() == "true":
        sys.stderr.write("TLS is not supported by this test server\n")
        return 2
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=32),
                         options=[("grpc.so_reuseport", 0)])
    test_pb2_grpc.add_TestServiceServicer_to_server(TestService(), server)
    port = server.add_insecure_port("%s:%d" % (args.host, args.port))
    if port == 0:
        sys.stderr.write("could not bind %s:%d\n" % (args.host, args.port))
        return 1
    server.start()
    print("READY %d" % port, flush=True)
    try:
        server.wait_for_termination()
    except KeyboardInterrupt:
        pass
    server.stop(0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
