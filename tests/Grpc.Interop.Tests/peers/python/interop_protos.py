"""Generates the Python code for the interop protos at run time and imports it.

The protos live in tests/Grpc.Interop.Tests/protos (package grpc.testing). They are
compiled with the system protoc and grpc_python_plugin into a private temporary
folder (never committed), which is then grafted onto the `grpc` package path so that
the generated `from grpc.testing import ...` lines resolve without shadowing grpcio.
"""

import atexit
import os
import shutil
import subprocess
import sys
import tempfile

import grpc

_HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(_HERE, "..", "..", "protos"))
_FILES = ["grpc/testing/empty.proto", "grpc/testing/messages.proto", "grpc/testing/test.proto"]


def _generate():
    out = tempfile.mkdtemp(prefix="grpc-interop-py-")
    atexit.register(shutil.rmtree, out, True)
    plugin = os.environ.get("GRPC_PYTHON_PLUGIN", "/usr/bin/grpc_python_plugin")
    protoc = os.environ.get("PROTOC", "/usr/bin/protoc")
    cmd = [protoc, "-I" + PROTO_ROOT, "--python_out=" + out, "--grpc_out=" + out,
           "--plugin=protoc-gen-grpc=" + plugin] + _FILES
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.stderr.write("protoc failed (%d): %s\n" % (result.returncode, result.stderr))
        sys.exit(3)
    return out


_OUT = _generate()
grpc.__path__.append(os.path.join(_OUT, "grpc"))

from grpc.testing import empty_pb2  # noqa: E402  pylint: disable=wrong-import-position
from grpc.testing import messages_pb2  # noqa: E402
from grpc.testing import test_pb2_grpc  # noqa: E402

STATUS_BY_CODE = {code.value[0]: code for code in grpc.StatusCode}

__all__ = ["empty_pb2", "messages_pb2", "test_pb2_grpc", "STATUS_BY_CODE"]
