"""Generates the Python code for the platform's protos at run time and imports it.

Compiled with the system protoc and grpc_python_plugin into a private temporary folder (never
committed): the four services' protos from contracts/protos, and from this suite's protos/ the
standard google.rpc error model, grpc.health.v1 and grpc.reflection.v1 (Debian ships no grpcio
health or reflection package). Each file is copied flat into the folder first, because the
generated import path of platform/… would be the standard library's `platform` module; only the
.proto paths change, the packages and so the wire names stay the same.
"""

import atexit
import importlib
import os
import shutil
import subprocess
import sys
import tempfile

_HERE = os.path.dirname(os.path.abspath(__file__))
_SUITE = os.path.normpath(os.path.join(_HERE, "..", ".."))
_CONTRACTS = os.path.normpath(os.path.join(_SUITE, "..", "..", "contracts", "protos"))
_FILES = {
    "catalogue": os.path.join(_CONTRACTS, "platform/catalogue/v1/catalogue.proto"),
    "labour": os.path.join(_CONTRACTS, "platform/labour/v1/labour.proto"),
    "zones": os.path.join(_CONTRACTS, "platform/zones/v1/zones.proto"),
    "reporting": os.path.join(_CONTRACTS, "platform/reporting/v1/reporting.proto"),
    "health": os.path.join(_SUITE, "protos/grpc/health/v1/health.proto"),
    "reflection": os.path.join(_SUITE, "protos/grpc/reflection/v1/reflection.proto"),
    "status": os.path.join(_SUITE, "protos/google/rpc/status.proto"),
    "error_details": os.path.join(_SUITE, "protos/google/rpc/error_details.proto"),
}
_WITH_SERVICES = ("catalogue", "labour", "zones", "reporting", "health", "reflection")


def _generate():
    out = tempfile.mkdtemp(prefix="grpc-interop-py-")
    atexit.register(shutil.rmtree, out, True)
    src = os.path.join(out, "src")
    os.mkdir(src)
    for name, path in _FILES.items():
        shutil.copyfile(path, os.path.join(src, name + ".proto"))
    plugin = os.environ.get("GRPC_PYTHON_PLUGIN", "/usr/bin/grpc_python_plugin")
    protoc = os.environ.get("PROTOC", "/usr/bin/protoc")
    # google/protobuf/*.proto (timestamp, any, duration) come from protoc's own include folder.
    cmd = [protoc, "-I" + src, "--python_out=" + out, "--grpc_out=" + out,
           "--plugin=protoc-gen-grpc=" + plugin] + [name + ".proto" for name in _FILES]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write("protoc failed (%d): %s\n" % (result.returncode, result.stderr))
        sys.exit(3)
    return out


sys.path.insert(0, _generate())

pb = {name: importlib.import_module(name + "_pb2") for name in _FILES}
grpc_pb = {name: importlib.import_module(name + "_pb2_grpc") for name in _WITH_SERVICES}
