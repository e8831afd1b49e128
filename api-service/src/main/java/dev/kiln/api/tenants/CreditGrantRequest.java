package dev.kiln.api.tenants;

/**
 * The body of {@code POST /v1/admin/tenants/{id}/credits}.
 *
 * @param amount credits to add; negative to correct (the balance never goes below 0)
 * @param note why, kept in the tenant's ledger
 */
public record CreditGrantRequest(Long amount, String note) {}
