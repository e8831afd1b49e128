package dev.kiln.worker.storage;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One signed request to S3, ready to send as is.
 *
 * @param method {@code GET} or {@code PUT}
 * @param headers every header to send, {@code Host} and the signature included
 * @param body the bytes of a PUT, {@code null} for a GET
 */
record S3Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {}
