#!/usr/bin/python3
"""An independent gRPC client (Python grpcio, gRPC core) calling the platform through its gateway.

Usage: /usr/bin/python3 client.py --target 127.0.0.1:N --case NAME [--probe ID] [--batch ID] [--year Y]
  --probe  a value sent as x-interop-probe metadata, so the test can find the call at the service
  --batch  a labour batch the test stored beforehand (the server stream reads it back)
  --year   the year of the figures this case submits (each peer and case its own)
Credentials come from the environment, never the command line: INTEROP_ANALYST_TOKEN (a person's
bearer token, role analyst) and INTEROP_PUP_KEY (a county labour office's API key).

Prints one JSON object with what the client saw; the test judges it. Exit 0 = the case ran to the
end (whatever the statuses were); 1 = it could not (the reason on stderr); 2 = bad usage.
"""

import argparse
import base64
import json
import os
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

from platform_protos import grpc_pb, pb

CASES = {}
PLATFORM_CALLS = [
    # service, method, request (proto JSON): one public read of each service, built from reflection.
    ("platform.catalogue.v1.CatalogueService", "ListStrategies", {"page": 2, "page_size": 7}),
    ("platform.labour.v1.LabourMarket", "ListIndicators", {}),
    ("platform.zones.v1.Zones", "GetSummary", {"powiat": "1203"}),
    ("platform.reporting.v1.ReportingService", "ListReports", {"page_size": 9}),
]
TIMEOUT = 20


class CaseError(Exception):
    pass


def case(fn):
    CASES[fn.__name__] = fn
    return fn


def analyst():
    return (("authorization", "Bearer " + os.environ["INTEROP_ANALYST_TOKEN"]),)


def pup():
    return (("x-api-key", os.environ["INTEROP_PUP_KEY"]),)


def metadata_json(metadata):
    """Metadata as {key: [values]}; -bin values in base64."""
    out = {}
    for key, value in metadata or ():
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode("ascii")
        out.setdefault(key, []).append(value)
    return out


def error_json(error):
    """A failed call: its status, message and the google.rpc details of grpc-status-details-bin."""
    out = {"code": error.code().name, "message": error.details()}
    raw = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
    if raw is not None:
        status = pb["status"].Status.FromString(raw)
        out["status_code"] = status.code
        out["status_message"] = status.message
        out["detail_types"] = [any_.type_url.split("/")[-1] for any_ in status.details]
        fields, descriptions = [], []
        for any_ in status.details:
            bad_request = pb["error_details"].BadRequest()
            if any_.Unpack(bad_request):
                fields += [v.field for v in bad_request.field_violations]
                descriptions += [v.description for v in bad_request.field_violations]
            answer = pb["labour"].SubmitObservationsResponse()
            if any_.Unpack(answer):
                out["answer"] = submission_json(answer)
        out["fields"] = fields
        out["descriptions"] = descriptions
    return out


def submission_json(r):
    return {"batch_id": r.batch_id, "received": r.received, "accepted": r.accepted, "unchanged": r.unchanged,
            "revised": r.revised, "rejected": r.rejected, "rejections": [x.code for x in r.rejections]}


def outcome(fn):
    """{"ok": result} or {"error": ...} of one call."""
    try:
        return {"ok": fn()}
    except grpc.RpcError as error:
        return {"error": error_json(error)}


def rows_for(year, indicator="inflow", unit="1203", source=""):
    labour = pb["labour"]
    return [labour.ObservationRow(indicator=indicator, unit=unit, period="%d-%02d" % (year, month),
                                  value=100 + month, source=source) for month in range(1, 13)]


def chunks(batch_id, rows, size):
    """The client stream: batch id and source in the first message, rows spread over several."""
    labour = pb["labour"]
    for i in range(0, len(rows), size):
        first = i == 0
        yield labour.SubmitObservationsRequest(batch_id=batch_id if first else "",
                                               source="PUP Chrzanów (grpcio)" if first else "",
                                               rows=rows[i:i + size])


@case
def health(ctx):
    stub = grpc_pb["health"].HealthStub(ctx.channel)
    statuses = pb["health"].HealthCheckResponse.ServingStatus
    out = {}
    for name, service in (("overall", ""), ("liveness", "liveness"), ("unknown", "no.such.Service")):
        try:
            out[name] = statuses.Name(stub.Check(pb["health"].HealthCheckRequest(service=service), timeout=TIMEOUT).status)
        except grpc.RpcError as error:
            out[name] = error.code().name
    return out


class Reflection:
    """grpc.reflection.v1 by hand: list services, fetch files by symbol and their imports by name."""

    def __init__(self, channel):
        self.stub = grpc_pb["reflection"].ServerReflectionStub(channel)
        self.pool = descriptor_pool.DescriptorPool()
        self.files = {}
        self.added = set()

    def ask(self, **request):
        responses = list(self.stub.ServerReflectionInfo(
            iter([pb["reflection"].ServerReflectionRequest(**request)]), timeout=TIMEOUT))
        if len(responses) != 1:
            raise CaseError("reflection answered %d messages to %r" % (len(responses), request))
        if responses[0].HasField("error_response"):
            raise CaseError("reflection error for %r: %s" % (request, responses[0].error_response))
        return responses[0]

    def services(self):
        return [s.name for s in self.ask(list_services="").list_services_response.service]

    def _take(self, response):
        for raw in response.file_descriptor_response.file_descriptor_proto:
            proto = descriptor_pb2.FileDescriptorProto.FromString(raw)
            self.files.setdefault(proto.name, proto)

    def _add(self, name):
        """A file into the pool after its imports, fetching by name any that was not served yet."""
        if name in self.added:
            return
        if name not in self.files:
            self._take(self.ask(file_by_filename=name))
        proto = self.files[name]
        for dependency in proto.dependency:
            self._add(dependency)
        self.pool.Add(proto)
        self.added.add(name)

    def load(self, symbol):
        self._take(self.ask(file_containing_symbol=symbol))
        for name in list(self.files):
            self._add(name)
        return self.pool.FindServiceByName(symbol)


def message_class(descriptor):
    # protobuf 4 has GetMessageClass; Debian's 3.21 has the factory's GetPrototype.
    get = getattr(message_factory, "GetMessageClass", None)
    return get(descriptor) if get else message_factory.MessageFactory().GetPrototype(descriptor)


@case
def reflection(ctx):
    """The listing, then one call of each service with messages built only from what reflection served."""
    reflect = Reflection(ctx.channel)
    out = {"services": reflect.services(), "calls": {}}
    for service_name, method_name, request_json in PLATFORM_CALLS:
        service = reflect.load(service_name)
        method = service.methods_by_name[method_name]
        request_class, response_class = message_class(method.input_type), message_class(method.output_type)
        call = ctx.channel.unary_unary("/%s/%s" % (service.full_name, method.name),
                                       request_serializer=request_class.SerializeToString,
                                       response_deserializer=response_class.FromString)
        request = json_format.ParseDict(request_json, request_class())
        response = call(request, timeout=TIMEOUT)
        out["calls"]["%s/%s" % (service_name, method_name)] = {
            "type": method.output_type.full_name,
            "response": json_format.MessageToDict(response, preserving_proto_field_name=True),
        }
    return out


@case
def unary(ctx):
    labour = grpc_pb["labour"].LabourMarketStub(ctx.channel)
    units = labour.ListUnits(pb["labour"].ListUnitsRequest(parent="1203", page_size=100), timeout=TIMEOUT)
    return {"total": units.total, "units": [u.teryt for u in units.units],
            "names": {u.teryt: u.name for u in units.units}}


def export(ctx, metadata, page_size, timeout=TIMEOUT):
    stub = grpc_pb["labour"].LabourMarketStub(ctx.channel)
    return stub.ExportObservations(pb["labour"].ExportObservationsRequest(batch_id=ctx.args.batch, page_size=page_size),
                                   metadata=metadata, timeout=timeout)


@case
def server_stream(ctx):
    pages = [[o.id for o in page.observations] for page in export(ctx, analyst(), 100)]
    return {
        "pages": [len(p) for p in pages],
        "ids": [i for p in pages for i in p],
        "anonymous": outcome(lambda: list(export(ctx, (), 100))),
        "labour_office": outcome(lambda: list(export(ctx, pup(), 100))),
    }


@case
def client_stream(ctx):
    stub = grpc_pb["labour"].LabourMarketStub(ctx.channel)
    batch = "interop-py-%d" % ctx.args.year
    rows = rows_for(ctx.args.year)
    first = stub.SubmitObservations(chunks(batch, rows, 5), metadata=pup(), timeout=TIMEOUT)
    # Re-sending an accepted batch changes nothing and answers as the first time.
    again = stub.SubmitObservations(chunks(batch, rows, 12), metadata=pup(), timeout=TIMEOUT)
    return {"batch": batch, "messages": len(list(chunks(batch, rows, 5))),
            "first": submission_json(first), "again": submission_json(again)}


@case
def deadline(ctx):
    labour = grpc_pb["labour"].LabourMarketStub(ctx.channel)
    units = pb["labour"].ListUnitsRequest(parent="1203")
    # Connected first, so that the deadlines below are spent on the calls, not on resolving and connecting.
    before = labour.ListUnits(units, timeout=TIMEOUT).total
    tiny = outcome(lambda: labour.ListUnits(units, timeout=0.001).total)
    # A stream that needs one database page per message cannot send them all in 500 ms.
    received = []
    probe = (("x-interop-probe", ctx.args.probe),)
    stream = outcome(lambda: received.extend(export(ctx, analyst() + probe, 1, timeout=0.5)))
    after = labour.ListUnits(units, timeout=TIMEOUT).total
    return {"before": before, "unary": tiny, "stream": stream, "stream_received": len(received), "after": after}


@case
def cancel(ctx):
    call = export(ctx, analyst() + (("x-interop-probe", ctx.args.probe),), 1, timeout=60)
    first = next(call)
    call.cancel()
    try:
        next(call)
        code = "a message after cancel"
    except grpc.RpcError as error:
        code = error.code().name
    labour = grpc_pb["labour"].LabourMarketStub(ctx.channel)
    after = labour.ListUnits(pb["labour"].ListUnitsRequest(parent="1203"), timeout=TIMEOUT).total
    return {"first_page": len(first.observations), "code": code, "after": after}


@case
def metadata(ctx):
    catalogue = grpc_pb["catalogue"].CatalogueServiceStub(ctx.channel)
    request = pb["catalogue"].ListStrategiesRequest()
    sent = (("x-interop-probe", ctx.args.probe), ("x-interop-note-bin", b"\x00\x01\x02\xfe\xff"),
            ("x-correlation-id", "interop-" + ctx.args.probe))
    _, call = catalogue.ListStrategies.with_call(request, metadata=sent, timeout=TIMEOUT)
    # The same with the labour office's key: the service must hear the gateway's identity, not the key.
    catalogue.ListStrategies(request, metadata=pup() + (("x-interop-probe", ctx.args.probe + "-key"),), timeout=TIMEOUT)
    return {"initial": metadata_json(call.initial_metadata()), "trailing": metadata_json(call.trailing_metadata()),
            "code": call.code().name}


@case
def compression(ctx):
    """gzip-compressed request messages (grpcio always offers gzip for the answers: grpc-accept-encoding)."""
    stub = grpc_pb["labour"].LabourMarketStub(ctx.channel)
    batch = "interop-py-gzip-%d" % ctx.args.year
    rows = rows_for(ctx.args.year, source="PUP Chrzanów, sprawozdanie MRPiPS-01 " * 4)
    answer = stub.SubmitObservations(chunks(batch, rows, 4), metadata=pup() + (("x-interop-probe", ctx.args.probe),),
                                     timeout=TIMEOUT, compression=grpc.Compression.Gzip)
    units = grpc_pb["labour"].LabourMarketStub(ctx.channel).ListUnits(
        pb["labour"].ListUnitsRequest(parent="12"), timeout=TIMEOUT, compression=grpc.Compression.Gzip)
    return {"answer": submission_json(answer), "units": units.total}


@case
def invalid_argument(ctx):
    zones = grpc_pb["zones"].ZonesStub(ctx.channel)
    unary_call = outcome(lambda: len(zones.GetSummary(pb["zones"].GetSummaryRequest(powiat="12x"), timeout=TIMEOUT).gminy))
    stub = grpc_pb["labour"].LabourMarketStub(ctx.channel)
    labour = pb["labour"]
    rows = [
        labour.ObservationRow(indicator="inflow", unit="1203", period="2009-01", value=5),
        labour.ObservationRow(indicator="inflow", unit="1203", period="2009-02", value=-4),
        labour.ObservationRow(indicator="inflow", unit="1203", period="2009-13", value=5),
        labour.ObservationRow(indicator="no_such_indicator", unit="1203", period="2009-03", value=5),
    ]
    stream_call = outcome(lambda: submission_json(
        stub.SubmitObservations(chunks("interop-py-bad", rows, 2), metadata=pup(), timeout=TIMEOUT)))
    return {"unary": unary_call, "stream": stream_call}


class Context:
    def __init__(self, channel, args):
        self.channel = channel
        self.args = args


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--probe", default="")
    parser.add_argument("--batch", default="")
    parser.add_argument("--year", type=int, default=2010)
    args = parser.parse_args()
    if args.case not in CASES:
        sys.stderr.write("unknown case %r; known: %s\n" % (args.case, ", ".join(sorted(CASES))))
        return 2
    # Loopback only: grpcio would honour http_proxy even for 127.0.0.1.
    with grpc.insecure_channel(args.target, options=[("grpc.enable_http_proxy", 0)]) as channel:
        try:
            result = CASES[args.case](Context(channel, args))
        except grpc.RpcError as error:
            sys.stderr.write("FAIL %s: unexpected status %s\n" % (args.case, json.dumps(error_json(error), ensure_ascii=False)))
            return 1
        except CaseError as error:
            sys.stderr.write("FAIL %s: %s\n" % (args.case, error))
            return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
