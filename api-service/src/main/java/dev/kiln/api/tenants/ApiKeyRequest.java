package dev.kiln.api.tenants;

/** The body of {@code POST /v1/admin/tenants/{id}/keys} (optional: a key needs no name). */
public record ApiKeyRequest(String name) {}
