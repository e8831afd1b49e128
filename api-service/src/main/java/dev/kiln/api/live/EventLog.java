package dev.kiln.api.live;

import dev.kiln.api.events.EventRecord;
import dev.kiln.api.events.EventType;
import dev.kiln.api.media.MediaRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the event record in stream order ({@link StreamPosition}). */
@ApplicationScoped
public class EventLog {

  private static final String SELECT =
      "select "
          + EventRecord.COLUMNS
          + ", "
          + MediaRow.COLUMNS
          + ", ev.tx::text as ev_tx,"
          + " ev.tx < pg_snapshot_xmin(pg_current_snapshot()) as ev_settled"
          + " from events ev left join media m on m.id = ev.data ->> 'result_media_id' ";

  private static final String TAIL =
      SELECT + "where (ev.tx, ev.seq) > ($1::text::xid8, $2) order by ev.tx, ev.seq limit $3";

  private static final String BETWEEN =
      " and (ev.tx, ev.seq) > ($3::text::xid8, $4) and (ev.tx, ev.seq) <= ($5::text::xid8, $6)"
          + " order by ev.tx, ev.seq limit $7";

  private static final String JOB_HISTORY =
      SELECT + "where ev.job_id = $1 and ev.tenant_id = $2" + BETWEEN;

  private static final String TENANT_HISTORY =
      SELECT
          + "where ev.tenant_id = $1 and ev.job_id is not null"
          + " and ($2::text[] is null or ev.type = any($2::text[]))"
          + " and ($8::text[] is null or ev.job_id = any($8::text[]))"
          + BETWEEN;

  private static final String POSITION_OF =
      "select ev.tx::text as ev_tx from events ev where ev.seq = $1";

  private static final String OLDEST_RUNNING =
      "select pg_snapshot_xmin(pg_current_snapshot())::text as xmin";

  private final Pool pool;

  public EventLog(Pool pool) {
    this.pool = pool;
  }

  /** The position before every event a transaction still running may write. */
  Uni<StreamPosition> head() {
    return pool.query(OLDEST_RUNNING)
        .execute()
        .map(rows -> new StreamPosition(tx(rows.iterator().next().getString("xmin")), 0));
  }

  /** Up to {@code limit} events after {@code after}, stopping before the first unsettled one. */
  Uni<TailPage> tail(StreamPosition after, int limit) {
    return pool.preparedQuery(TAIL)
        .execute(Tuple.of(after.txText(), after.seq(), limit))
        .map(
            rows -> {
              List<RecordedEvent> settled = new ArrayList<>(rows.size());
              boolean heldBack = false;
              for (Row row : rows) {
                if (!row.getBoolean("ev_settled")) {
                  heldBack = true;
                  break;
                }
                settled.add(recorded(row));
              }
              return new TailPage(settled, heldBack, rows.size() == limit);
            });
  }

  /**
   * Up to {@code limit} events of the scope after {@code after} and up to {@code upTo}, which must
   * be a position the tail has passed (all settled).
   */
  Uni<List<RecordedEvent>> history(
      StreamScope scope, StreamPosition after, StreamPosition upTo, int limit) {
    Uni<RowSet<Row>> rows =
        scope.isJob()
            ? pool.preparedQuery(JOB_HISTORY)
                .execute(
                    Tuple.from(
                        Arrays.asList(
                            scope.jobId(),
                            scope.tenantId(),
                            after.txText(),
                            after.seq(),
                            upTo.txText(),
                            upTo.seq(),
                            limit)))
            : pool.preparedQuery(TENANT_HISTORY)
                .execute(
                    Tuple.from(
                        Arrays.asList(
                            scope.tenantId(),
                            types(scope.types()),
                            after.txText(),
                            after.seq(),
                            upTo.txText(),
                            upTo.seq(),
                            limit,
                            scope.jobIds() == null
                                ? null
                                : scope.jobIds().toArray(String[]::new))));
    return rows.map(
        found -> {
          List<RecordedEvent> events = new ArrayList<>(found.size());
          found.forEach(row -> events.add(recorded(row)));
          return events;
        });
  }

  /** Where the event {@code seq} stands in the order; empty when it is not (or no longer) kept. */
  Uni<Optional<StreamPosition>> positionOf(long seq) {
    return pool.preparedQuery(POSITION_OF)
        .execute(Tuple.of(seq))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        new StreamPosition(tx(rows.iterator().next().getString("ev_tx")), seq)));
  }

  private static RecordedEvent recorded(Row row) {
    EventRecord record = EventRecord.of(row);
    return new RecordedEvent(
        record,
        MediaRow.of(row, record.tenantId()),
        new StreamPosition(tx(row.getString("ev_tx")), record.seq()));
  }

  private static String[] types(Set<EventType> types) {
    return types == null ? null : types.stream().map(EventType::wire).toArray(String[]::new);
  }

  private static long tx(String text) {
    return Long.parseUnsignedLong(text);
  }
}
