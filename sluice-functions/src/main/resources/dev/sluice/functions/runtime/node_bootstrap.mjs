// Sluice's Node.js runtime: runs a `file.function` handler behind the Lambda Runtime API.
//
// Node standard library only. Started by Sluice with AWS's environment variables; loads the
// handler once (CommonJS through require, ES modules through import: `.mjs`, or `.js` under a
// package.json with "type": "module"), then loops: GET /invocation/next, call the handler with the
// event and a context object, POST /response or /error. Async handlers answer when their promise
// settles; callback handlers when the callback is called and, as on AWS, once the event loop is
// empty unless context.callbackWaitsForEmptyEventLoop is set to false.

import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import util from "node:util";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [HOST, PORT] = splitAddress(process.env.AWS_LAMBDA_RUNTIME_API);
const BASE = "/2018-06-01/runtime";
const TASK_ROOT = process.env.LAMBDA_TASK_ROOT;
// Keep-alive: one connection for the whole life of the environment. Idle sockets of an agent are
// unref'ed, so they do not keep the event loop alive (callbackWaitsForEmptyEventLoop relies on it).
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

let currentRequestId;

function splitAddress(address) {
  const colon = address.lastIndexOf(":");
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}

function call(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const request = http.request({
      host: HOST, port: PORT, method, path: BASE + urlPath, agent,
      headers: data ? { ...headers, "Content-Length": data.length } : headers,
    }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(data);
  });
}

// console.* as on AWS: one line per call, "time\trequestId\tLEVEL\tmessage"; newlines inside a
// message become \r so a multi-line message stays one log event. Written synchronously to the
// log file, so it is there before the response is posted.
function patchConsole() {
  const levels = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG",
    trace: "TRACE" };
  for (const [name, level] of Object.entries(levels)) {
    console[name] = (...args) => writeLine(level, util.format(...args));
  }
}

function writeLine(level, message) {
  const line = `${new Date().toISOString()}\t${currentRequestId ?? "undefined"}\t${level}\t`
    + `${message.replace(/\n/g, "\r")}\n`;
  fs.writeSync(1, line);
}

function errorPayload(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || "Error",
      errorMessage: error.message,
      trace: String(error.stack ?? "").split("\n"),
    };
  }
  // AWS names a thrown non-Error by its type: throw "x" -> {"errorType":"string",...}.
  return {
    errorType: typeof error,
    errorMessage: typeof error === "string" ? error : JSON.stringify(error) ?? String(error),
    trace: [],
  };
}

function namedError(name, message, cause) {
  const error = new Error(message);
  error.name = name;
  if (cause) {
    error.stack = `${name}: ${message}\n${String(cause.stack ?? cause).split("\n").slice(1).join("\n")}`;
  }
  return error;
}

function findModuleFile(modulePath) {
  for (const extension of [".js", ".mjs", ".cjs"]) {
    const candidate = path.resolve(TASK_ROOT, modulePath + extension);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return null;
}

// The nearest package.json at or above the file, up to the task root, decides what `.js` is.
function isEsModule(file) {
  if (file.endsWith(".mjs")) return true;
  if (file.endsWith(".cjs")) return false;
  let dir = path.dirname(file);
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, "utf8")).type === "module";
      } catch {
        return false;
      }
    }
    if (dir === TASK_ROOT || path.dirname(dir) === dir) return false;
    dir = path.dirname(dir);
  }
}

async function loadHandler() {
  const handler = process.env._HANDLER ?? "";
  const slash = handler.lastIndexOf("/");
  const dot = handler.indexOf(".", slash + 1);
  if (dot < 0) {
    throw namedError("Runtime.MalformedHandlerName", "Bad handler");
  }
  const modulePath = handler.slice(0, dot);
  const functionPath = handler.slice(dot + 1).split(".");
  const file = findModuleFile(modulePath);
  if (!file) {
    throw namedError("Runtime.ImportModuleError",
      `Error: Cannot find module '${path.basename(modulePath)}'`);
  }
  let loaded;
  try {
    loaded = isEsModule(file)
      ? await import(pathToFileURL(file).href)
      : createRequire(path.join(TASK_ROOT, "noop.js"))(file);
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw namedError("Runtime.UserCodeSyntaxError", `${error.name}: ${error.message}`, error);
    }
    throw namedError("Runtime.ImportModuleError", `${error.name}: ${error.message}`, error);
  }
  let target = loaded;
  for (const key of functionPath) {
    target = target?.[key];
  }
  if (typeof target !== "function" && loaded?.default) {
    target = functionPath.reduce((object, key) => object?.[key], loaded.default);
  }
  if (typeof target !== "function") {
    throw namedError("Runtime.HandlerNotFound",
      `${path.basename(modulePath)}.${functionPath.join(".")} is undefined or not exported`);
  }
  return target;
}

function newContext(headers, finish) {
  const deadline = Number(headers["lambda-runtime-deadline-ms"]);
  const clientContext = headers["lambda-runtime-client-context"];
  const identity = headers["lambda-runtime-cognito-identity"];
  return {
    awsRequestId: headers["lambda-runtime-aws-request-id"],
    invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: clientContext ? JSON.parse(clientContext) : undefined,
    identity: identity ? JSON.parse(identity) : undefined,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    // The legacy completion methods, still on AWS's context object.
    succeed: (result) => finish(null, result),
    fail: (error) => finish(error ?? "handled"),
    done: (error, result) => finish(error, result),
  };
}

async function postResult(requestId, error, result) {
  if (error !== null && error !== undefined) {
    const payload = errorPayload(error);
    writeLine("ERROR", `Invoke Error \t${JSON.stringify(payload)}`);
    await call("POST", `/invocation/${requestId}/error`, JSON.stringify(payload),
      { "Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": "Unhandled" });
    return;
  }
  let body;
  try {
    body = result === undefined ? "null" : JSON.stringify(result);
  } catch (serializationError) {
    const payload = { errorType: "Runtime.MarshalError",
      errorMessage: `Unable to stringify response body: ${serializationError.message}`, trace: [] };
    await call("POST", `/invocation/${requestId}/error`, JSON.stringify(payload),
      { "Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": "Unhandled" });
    return;
  }
  await call("POST", `/invocation/${requestId}/response`, body);
}

// Runs one invocation; resolves when its answer has been posted.
function runInvocation(handler, headers, body) {
  return new Promise((resolve) => {
    const requestId = headers["lambda-runtime-aws-request-id"];
    let finished = false;
    let context;
    const finish = (error, result, viaCallback = false) => {
      if (finished) return;
      finished = true;
      const post = () => postResult(requestId, error, result).then(resolve, (e) => {
        writeLine("ERROR", `Cannot post the result: ${e}`);
        resolve();
      });
      if (viaCallback && context.callbackWaitsForEmptyEventLoop) {
        // As on AWS: the answer goes once the handler's pending work is done.
        process.once("beforeExit", post);
      } else {
        post();
      }
    };
    context = newContext(headers, finish);
    const callback = (error, result) => finish(error, result, true);
    try {
      const event = body.length ? JSON.parse(body.toString("utf8")) : null;
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === "function") {
        returned.then((result) => finish(null, result), (error) => finish(error ?? "undefined"));
      } else if (handler.length < 3) {
        // A plain synchronous handler without a callback answers with what it returned.
        finish(null, returned);
      }
    } catch (error) {
      finish(error);
    }
  });
}

async function main() {
  patchConsole();
  let handler;
  try {
    handler = await loadHandler();
  } catch (error) {
    const payload = errorPayload(error);
    writeLine("ERROR", `Uncaught Exception \t${JSON.stringify(payload)}`);
    await call("POST", "/init/error", JSON.stringify(payload),
      { "Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": payload.errorType });
    process.exit(1);
  }
  process.on("uncaughtException", (error) => {
    const payload = errorPayload(error);
    writeLine("ERROR", `Uncaught Exception \t${JSON.stringify(payload)}`);
    process.exit(129); // AWS ends the environment; the invocation answers Runtime.ExitError
  });
  process.on("unhandledRejection", (reason) => {
    const payload = errorPayload(reason);
    writeLine("ERROR", `Unhandled Promise Rejection \t${JSON.stringify(payload)}`);
    process.exit(128);
  });
  for (;;) {
    const next = await call("GET", "/invocation/next");
    currentRequestId = next.headers["lambda-runtime-aws-request-id"];
    process.env._X_AMZN_TRACE_ID = next.headers["lambda-runtime-trace-id"] ?? "";
    await runInvocation(handler, next.headers, next.body);
  }
}

main().catch((error) => {
  fs.writeSync(2, `Sluice Node.js runtime failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
