package dev.kiln.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

  @Test
  void aRefusedResetOrDroppedConnectionIsUnavailabilityWhereverItIsWrapped() {
    assertThat(DatabaseUnavailable.test(new ConnectException("Connection refused"))).isTrue();
    assertThat(DatabaseUnavailable.test(new IOException("Connection reset by peer"))).isTrue();
    assertThat(DatabaseUnavailable.test(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(
            DatabaseUnavailable.test(
                new CompletionException(new ConnectException("Connection refused"))))
        .isTrue();
  }

  @Test
  void aServerShuttingDownStartingOrOutOfConnectionsIsUnavailability() {
    assertThat(DatabaseUnavailable.test(pg("57P01"))).as("admin shutdown").isTrue();
    assertThat(DatabaseUnavailable.test(pg("57P03"))).as("cannot connect now").isTrue();
    assertThat(DatabaseUnavailable.test(pg("08006"))).as("connection failure").isTrue();
    assertThat(DatabaseUnavailable.test(pg("53300"))).as("too many connections").isTrue();
  }

  @Test
  void aStatementThePostgresServerRefusesIsNot() {
    assertThat(DatabaseUnavailable.test(pg("23505"))).as("unique violation").isFalse();
    assertThat(DatabaseUnavailable.test(pg("22P02"))).as("invalid text").isFalse();
    assertThat(DatabaseUnavailable.test(pg("57014"))).as("query cancelled").isFalse();
    assertThat(DatabaseUnavailable.test(new IllegalStateException("bug"))).isFalse();
  }

  private static PgException pg(String sqlState) {
    return new PgException("message", "ERROR", sqlState, null);
  }
}
