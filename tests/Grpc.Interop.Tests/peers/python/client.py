#!/usr/bin/python3
"""gRPC interop test client on Python grpcio.

Usage: /usr/bin/python3 client.py --server_host 127.0.0.1 --server_port N --test_case NAME
Flags follow the official interop client (--server_host_override, --use_tls are accepted;
TLS is not supported here). Exit code 0 = the case passed; otherwise a message on stderr.
"""

import argparse
import queue
import sys

import grpc

from interop_protos import empty_pb2, messages_pb2, test_pb2_grpc

ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"
INITIAL_VALUE = "test_initial_metadata_value"
TRAILING_VALUE = b"\xab\xab\xab"


class CaseFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


def payload(size):
    return messages_pb2.Payload(type=messages_pb2.COMPRESSABLE, body=b"\0" * size)


def check_body(response_payload, size, what="response"):
    check(len(response_payload.body) == size,
          "%s payload is %d bytes, expected %d" % (what, len(response_payload.body), size))
    check(response_payload.body == b"\0" * size, "%s payload is not all zeros" % what)


def expect_rpc_error(fn, code, message=None):
    try:
        result = fn()
    except grpc.RpcError as error:
        check(error.code() == code, "expected status %s, got %s (%r)"
              % (code, error.code(), error.details()))
        if message is not None:
            check(error.details() == message,
                  "expected status message %r, got %r" % (message, error.details()))
        return error
    raise CaseFailed("expected status %s, but the call succeeded: %r" % (code, result))


class RequestQueue:
    """A request iterator fed from the test, ended by close()."""

    _END = object()

    def __init__(self):
        self._queue = queue.Queue()

    def put(self, item):
        self._queue.put(item)

    def close(self):
        self._queue.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._END:
            raise StopIteration
        return item


class Cases:
    def __init__(self, channel, server_checks_compression=True):
        self.channel = channel
        self.stub = test_pb2_grpc.TestServiceStub(channel)
        self.server_checks_compression = server_checks_compression

    def _probe(self, call):
        """The CompressedRequest probe: an uncompressed request that claims compression."""
        if self.server_checks_compression:
            expect_rpc_error(call, grpc.StatusCode.INVALID_ARGUMENT)
            return
        try:
            call()
        except grpc.RpcError as error:
            check(error.code() == grpc.StatusCode.INVALID_ARGUMENT,
                  "probe: expected INVALID_ARGUMENT or OK, got %s" % error.code())

    def empty_unary(self):
        response = self.stub.EmptyCall(empty_pb2.Empty())
        check(isinstance(response, empty_pb2.Empty), "response is not Empty: %r" % (response,))

    def large_unary(self):
        request = messages_pb2.SimpleRequest(response_type=messages_pb2.COMPRESSABLE,
                                             response_size=314159, payload=payload(271828))
        response = self.stub.UnaryCall(request)
        check_body(response.payload, 314159)

    def client_compressed_unary(self):
        def request(expect):
            return messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828),
                                              expect_compressed=messages_pb2.BoolValue(value=expect))
        # Probe: the server must refuse an uncompressed request that claims compression.
        self._probe(lambda: self.stub.UnaryCall(request(True)))
        response = self.stub.UnaryCall(request(True), compression=grpc.Compression.Gzip)
        check_body(response.payload, 314159)
        response = self.stub.UnaryCall(request(False))
        check_body(response.payload, 314159)

    def server_compressed_unary(self):
        for compressed in (True, False):
            request = messages_pb2.SimpleRequest(
                response_size=314159, payload=payload(271828),
                response_compressed=messages_pb2.BoolValue(value=compressed))
            response, call = self.stub.UnaryCall.with_call(request)
            # grpcio hides the per-message compressed flag from the application.
            check_body(response.payload, 314159)
            check(call.code() == grpc.StatusCode.OK, "status %s" % call.code())

    def client_streaming(self):
        sizes = [27182, 8, 1828, 45904]
        requests = (messages_pb2.StreamingInputCallRequest(payload=payload(s)) for s in sizes)
        response = self.stub.StreamingInputCall(requests)
        check(response.aggregated_payload_size == 74922,
              "aggregated_payload_size %d, expected 74922" % response.aggregated_payload_size)

    def client_compressed_streaming(self):
        probe = messages_pb2.StreamingInputCallRequest(
            payload=payload(27182), expect_compressed=messages_pb2.BoolValue(value=True))
        self._probe(lambda: self.stub.StreamingInputCall(iter([probe])))
        # grpcio compresses every message of a compressed call (no per-message opt-out on
        # the client), so the second message goes compressed although it does not ask to.
        requests = [
            messages_pb2.StreamingInputCallRequest(
                payload=payload(27182), expect_compressed=messages_pb2.BoolValue(value=True)),
            messages_pb2.StreamingInputCallRequest(
                payload=payload(45904), expect_compressed=messages_pb2.BoolValue(value=False)),
        ]
        response = self.stub.StreamingInputCall(iter(requests), compression=grpc.Compression.Gzip)
        check(response.aggregated_payload_size == 73086,
              "aggregated_payload_size %d, expected 73086" % response.aggregated_payload_size)

    def server_streaming(self):
        sizes = [31415, 9, 2653, 58979]
        request = messages_pb2.StreamingOutputCallRequest(
            response_type=messages_pb2.COMPRESSABLE,
            response_parameters=[messages_pb2.ResponseParameters(size=s) for s in sizes])
        responses = list(self.stub.StreamingOutputCall(request))
        check(len(responses) == 4, "got %d responses, expected 4" % len(responses))
        for response, size in zip(responses, sizes):
            check_body(response.payload, size)

    def server_compressed_streaming(self):
        request = messages_pb2.StreamingOutputCallRequest(response_parameters=[
            messages_pb2.ResponseParameters(size=31415, compressed=messages_pb2.BoolValue(value=True)),
            messages_pb2.ResponseParameters(size=92653, compressed=messages_pb2.BoolValue(value=False)),
        ])
        responses = list(self.stub.StreamingOutputCall(request))
        check(len(responses) == 2, "got %d responses, expected 2" % len(responses))
        check_body(responses[0].payload, 31415)
        check_body(responses[1].payload, 92653)

    def ping_pong(self):
        sizes = [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)]
        requests = RequestQueue()
        call = self.stub.FullDuplexCall(requests, timeout=60)
        for response_size, payload_size in sizes:
            requests.put(messages_pb2.StreamingOutputCallRequest(
                response_parameters=[messages_pb2.ResponseParameters(size=response_size)],
                payload=payload(payload_size)))
            response = next(call)
            check_body(response.payload, response_size)
        requests.close()
        rest = list(call)
        check(not rest, "got %d extra responses" % len(rest))
        check(call.code() == grpc.StatusCode.OK, "status %s" % call.code())

    def empty_stream(self):
        responses = list(self.stub.FullDuplexCall(iter([])))
        check(not responses, "got %d responses, expected none" % len(responses))

    def custom_metadata(self):
        metadata = ((ECHO_INITIAL, INITIAL_VALUE), (ECHO_TRAILING, TRAILING_VALUE))

        def check_metadata(initial, trailing, what):
            initial, trailing = dict(initial), dict(trailing)
            check(initial.get(ECHO_INITIAL) == INITIAL_VALUE,
                  "%s: initial metadata %r lacks the echo" % (what, initial))
            check(trailing.get(ECHO_TRAILING) == TRAILING_VALUE,
                  "%s: trailing metadata %r lacks the echo" % (what, trailing))

        request = messages_pb2.SimpleRequest(response_size=314159, payload=payload(271828))
        response, call = self.stub.UnaryCall.with_call(request, metadata=metadata)
        check_body(response.payload, 314159)
        check_metadata(call.initial_metadata(), call.trailing_metadata(), "UnaryCall")

        request = messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=314159)],
            payload=payload(271828))
        call = self.stub.FullDuplexCall(iter([request]), metadata=metadata)
        responses = list(call)
        check(len(responses) == 1, "FullDuplexCall: got %d responses" % len(responses))
        check_body(responses[0].payload, 314159)
        check_metadata(call.initial_metadata(), call.trailing_metadata(), "FullDuplexCall")

    def _status_echo(self, message, duplex):
        status = messages_pb2.EchoStatus(code=2, message=message)
        expect_rpc_error(
            lambda: self.stub.UnaryCall(messages_pb2.SimpleRequest(response_status=status)),
            grpc.StatusCode.UNKNOWN, message)
        if duplex:
            request = messages_pb2.StreamingOutputCallRequest(response_status=status)
            expect_rpc_error(lambda: list(self.stub.FullDuplexCall(iter([request]))),
                             grpc.StatusCode.UNKNOWN, message)

    def status_code_and_message(self):
        self._status_echo("test status message", True)

    def special_status_message(self):
        self._status_echo("\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n", False)

    def unimplemented_method(self):
        call = self.channel.unary_unary("/grpc.testing.TestService/UnimplementedCall",
                                        request_serializer=empty_pb2.Empty.SerializeToString,
                                        response_deserializer=empty_pb2.Empty.FromString)
        expect_rpc_error(lambda: call(empty_pb2.Empty()), grpc.StatusCode.UNIMPLEMENTED)

    def unimplemented_service(self):
        stub = test_pb2_grpc.UnimplementedServiceStub(self.channel)
        expect_rpc_error(lambda: stub.UnimplementedCall(empty_pb2.Empty()),
                         grpc.StatusCode.UNIMPLEMENTED)

    def cancel_after_begin(self):
        requests = RequestQueue()
        future = self.stub.StreamingInputCall.future(requests)
        future.cancel()
        check(future.cancelled(), "the call was not cancelled")
        try:
            future.result()
            raise CaseFailed("the cancelled call returned a result")
        except grpc.FutureCancelledError:
            pass
        check(future.code() == grpc.StatusCode.CANCELLED, "status %s" % future.code())
        requests.close()

    def cancel_after_first_response(self):
        requests = RequestQueue()
        call = self.stub.FullDuplexCall(requests)
        requests.put(messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=31415)],
            payload=payload(27182)))
        response = next(call)
        check_body(response.payload, 31415)
        call.cancel()
        try:
            next(call)
            raise CaseFailed("got a response after cancelling")
        except grpc.RpcError as error:
            check(error.code() == grpc.StatusCode.CANCELLED, "status %s" % error.code())
        requests.close()

    def timeout_on_sleeping_server(self):
        requests = RequestQueue()
        call = self.stub.FullDuplexCall(requests, timeout=0.001)
        requests.put(messages_pb2.StreamingOutputCallRequest(payload=payload(27182)))
        try:
            next(call)
            raise CaseFailed("got a response from the sleeping server")
        except grpc.RpcError as error:
            check(error.code() == grpc.StatusCode.DEADLINE_EXCEEDED, "status %s" % error.code())
        finally:
            requests.close()

    # Extra cases, beyond doc/interop-test-descriptions.md.

    def binary_metadata_padding(self):
        """-bin values of 1, 2 and 4 bytes (grpcio sends base64 without padding)."""
        for value in (b"\xab", b"\xab\xcd", b"\x00\x01\x02\xff"):
            _, call = self.stub.UnaryCall.with_call(messages_pb2.SimpleRequest(),
                                                    metadata=((ECHO_TRAILING, value),))
            echoed = dict(call.trailing_metadata()).get(ECHO_TRAILING)
            check(echoed == value, "sent %r, the trailer echoed %r" % (value, echoed))

    def status_after_messages(self):
        """A server-streaming call that sends messages, then ends with an error status in trailers."""
        request = messages_pb2.StreamingOutputCallRequest(
            response_parameters=[messages_pb2.ResponseParameters(size=10)] * 2,
            response_status=messages_pb2.EchoStatus(code=9, message="failed after messages"))
        call = self.stub.StreamingOutputCall(request)
        received = []
        expect_rpc_error(lambda: received.extend(call), grpc.StatusCode.FAILED_PRECONDITION,
                         "failed after messages")
        check(len(received) == 2, "got %d messages before the status, expected 2" % len(received))


CASES = [name for name in dir(Cases) if not name.startswith("_") and name != "server_checks_compression"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_host_override", default=None)
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--test_case", required=True)
    parser.add_argument("--use_tls", default="false")
    parser.add_argument("--use_test_ca", default="false")
    # Not an official flag: servers that cannot see whether a request was compressed
    # (grpcio's) accept the CompressedRequest probe; false lets the probe pass either way.
    parser.add_argument("--server_checks_compression", default="true")
    args = parser.parse_args()
    if args.use_tls.lower() == "true":
        sys.stderr.write("TLS is not supported by this test client\n")
        return 2
    if args.test_case not in CASES:
        sys.stderr.write("unknown test case %r; known: %s\n" % (args.test_case, ", ".join(CASES)))
        return 2
    options = [("grpc.enable_http_proxy", 0)]
    if args.server_host_override:
        options.append(("grpc.default_authority", args.server_host_override))
    target = "%s:%d" % (args.server_host, args.server_port)
    with grpc.insecure_channel(target, options=options) as channel:
        try:
            grpc.channel_ready_future(channel).result(timeout=10)
            cases = Cases(channel, args.server_checks_compression.lower() != "false")
            getattr(cases, args.test_case)()
        except CaseFailed as failure:
            sys.stderr.write("FAIL %s: %s\n" % (args.test_case, failure))
            return 1
        except grpc.RpcError as error:
            sys.stderr.write("FAIL %s: unexpected status %s: %r\n"
                             % (args.test_case, error.code(), error.details()))
            return 1
        except grpc.FutureTimeoutError:
            sys.stderr.write("FAIL %s: could not connect to %s\n" % (args.test_case, target))
            return 1
    print("PASS %s" % args.test_case, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
