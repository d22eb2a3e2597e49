"""Sluice's Python runtime: runs a `module.function` handler behind the Lambda Runtime API.

Standard library only. Started by Sluice with AWS's environment variables; loads the handler
once (module state survives between invocations), then loops: GET /invocation/next, call the
handler with the event and a context object, POST /response or /error.
"""

import importlib
import json
import os
import socket
import sys
import time

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "/2018-06-01/runtime"


class _Api:
    """HTTP/1.1 to the Runtime API on one kept-alive connection.

    why not http.client: importing it (and the email package it parses headers with) was most of
    a cold start's own time; the Runtime API is Sluice's, on loopback, and answers with
    Content-Length bodies only.
    """

    def __init__(self):
        host, port = API.rsplit(":", 1)
        self._address = (host, int(port))
        self._sock = None
        self._file = None

    def call(self, method, path, body=None, headers=None):
        for attempt in range(2):
            try:
                return self._exchange(method, path, body or b"", headers or {})
            except (OSError, ValueError):
                self._close()
                if attempt == 1:
                    raise

    def _exchange(self, method, path, body, headers):
        if self._sock is None:
            self._sock = socket.create_connection(self._address)
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._file = self._sock.makefile("rb")
        lines = ["%s %s%s HTTP/1.1" % (method, BASE, path), "Host: %s:%d" % self._address,
                 "Content-Length: %d" % len(body)]
        lines.extend("%s: %s" % item for item in headers.items())
        self._sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        status_line = self._file.readline()
        if not status_line:
            raise ConnectionError("the Runtime API closed the connection")
        status = int(status_line.split(None, 2)[1])
        received = {}
        while True:
            line = self._file.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            received[name.strip().lower()] = value.strip()
        length = int(received.get("content-length", "0"))
        data = self._file.read(length) if length else b""
        if len(data) != length:
            raise ConnectionError("the Runtime API closed the connection mid-body")
        if received.get("connection", "").lower() == "close":
            self._close()
        return _Response(status, received), data

    def _close(self):
        if self._sock is not None:
            try:
                self._file.close()
                self._sock.close()
            except OSError:
                pass
        self._sock = None
        self._file = None


class _Response:
    def __init__(self, status, headers):
        self.status = status
        self._headers = headers

    def getheader(self, name):
        return self._headers.get(name.lower())


class LambdaContext:
    def __init__(self, request_id, deadline_ms, function_arn, client_context):
        self.aws_request_id = request_id
        self.invoked_function_arn = function_arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = None
        self.client_context = json.loads(client_context) if client_context else None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)


def _error(exc, request_id):
    import traceback  # why here: only failures need it, and every cold start would import it

    trace = traceback.format_list(traceback.extract_tb(exc.__traceback__)[1:])
    return {
        "errorMessage": str(exc),
        "errorType": type(exc).__name__,
        "requestId": request_id,
        "stackTrace": trace,
    }


def _log_error(exc):
    import traceback

    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    sys.stdout.write("[ERROR] %s: %s\n%s" % (type(exc).__name__, exc, "".join(lines)))
    sys.stdout.flush()


def _load_handler():
    handler = os.environ.get("_HANDLER", "")
    module_name, _, function_name = handler.rpartition(".")
    if not module_name or not function_name:
        raise ValueError("Bad handler '%s': not enough values to unpack (expected 2, got 1)" % handler)
    module = importlib.import_module(module_name.replace("/", "."))
    if not hasattr(module, function_name):
        raise AttributeError("Handler '%s' missing on module '%s'" % (function_name, module_name))
    return getattr(module, function_name)


def main():
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    api = _Api()
    try:
        handler = _load_handler()
    except Exception as exc:  # the init error is the first invocation's answer
        _log_error(exc)
        api.call("POST", "/init/error", json.dumps(_error(exc, "")).encode(),
                 {"Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError"})
        sys.exit(1)
    while True:
        response, body = api.call("GET", "/invocation/next")
        if response.status != 200:
            # Sluice is ending this environment (shutdown, new code): leave quietly.
            sys.exit(0)
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        os.environ["_X_AMZN_TRACE_ID"] = response.getheader("Lambda-Runtime-Trace-Id") or ""
        context = LambdaContext(
            request_id,
            int(response.getheader("Lambda-Runtime-Deadline-Ms")),
            response.getheader("Lambda-Runtime-Invoked-Function-Arn"),
            response.getheader("Lambda-Runtime-Client-Context"))
        try:
            event = json.loads(body) if body else None
            result = handler(event, context)
            payload = json.dumps(result).encode()
        except Exception as exc:
            _log_error(exc)
            api.call("POST", "/invocation/%s/error" % request_id,
                     json.dumps(_error(exc, request_id)).encode(),
                     {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        api.call("POST", "/invocation/%s/response" % request_id, payload)


if __name__ == "__main__":
    main()
