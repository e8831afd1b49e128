package dev.kiln.api.tenants;

/** The body of {@code POST /v1/admin/tenants}. */
public record TenantRequest(String name) {}
