package dev.kiln.api.live;

import java.util.List;

/**
 * One read of the record's tail.
 *
 * @param events the settled events in reading order (webhook tests included: they move the
 *     position)
 * @param heldBack whether committed events wait behind a transaction still running
 * @param full whether the read hit its limit (more may follow at once)
 */
record TailPage(List<RecordedEvent> events, boolean heldBack, boolean full) {}
