"""Sluice's Python runtime: runs a `module.function` handler behind the Lambda Runtime API.

Standard library only. Started by Sluice with AWS's environment variables; loads the handler
once (module state survives between invocations), then loops: GET /invocation/next, call the
handler with the event and a context object, POST /response or /error.
"""

import http.client
import importlib
import json
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "/2018-06-01/runtime"


class _Api:
    def __init__(self):
        host, port = API.rsplit(":", 1)
        self._conn = http.client.HTTPConnection(host, int(port))

    def call(self, method, path, body=None, headers=None):
        for attempt in range(2):
            try:
                self._conn.request(method, BASE + path, body=body, headers=headers or {})
                response = self._conn.getresponse()
                return response, response.read()
            except (ConnectionError, http.client.HTTPException):
                self._conn.close()
                if attempt == 1:
                    raise


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
    trace = traceback.format_list(traceback.extract_tb(exc.__traceback__)[1:])
    return {
        "errorMessage": str(exc),
        "errorType": type(exc).__name__,
        "requestId": request_id,
        "stackTrace": trace,
    }


def _log_error(exc):
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
