package dev.sluice.server.http;

import dev.sluice.protocol.aws.AwsHttpResponse;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Stands in the pipeline for a request whose body exceeded the size limit, so that its 413 is
 * answered in order with the requests before it on the same connection.
 *
 * @param closeAfterResponse true when the rest of the request cannot be skipped safely
 * @param answer the 413 to send
 */
record OversizedRequest(HttpVersion version, boolean closeAfterResponse, AwsHttpResponse answer) {}
