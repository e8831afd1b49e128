package dev.kiln.api.credits;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One movement of an account's credits.
 *
 * @param id the entry's number, increasing
 * @param kind {@code grant} (an operator added or removed credits), {@code reserve} (a job was
 *     accepted), {@code charge} (it completed: its reservation is final) or {@code refund} (it
 *     failed, was cancelled or expired)
 * @param amount the change of the available balance (negative for a reservation)
 * @param balanceAfter the balance after it, when written under the account's lock; null for a
 *     refund, whose amount counts from the moment it is written
 * @param jobId the job it belongs to; null for a grant
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LedgerEntryView(
    long id,
    String object,
    String kind,
    long amount,
    Long balanceAfter,
    String jobId,
    String note,
    Instant createdAt) {}
