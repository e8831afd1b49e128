package dev.kiln.e2e.drills;

import dev.kiln.e2e.KilnStack;
import dev.kiln.infra.PostgresServer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The outbox as the operator's {@code psql} shows it: how many job commands wait there for Kafka. A
 * drill reads it only to know that its fault falls where it means it to (between the commit of a
 * command and its publication); what it asserts is what the client sees.
 */
final class OutboxRows {

  private OutboxRows() {}

  /** Outbox rows holding the command of one of {@code jobIds}. */
  static int commandsOf(KilnStack stack, List<String> jobIds) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                stack.jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
        PreparedStatement query =
            connection.prepareStatement("select count(*) from outbox where message_key = any(?)")) {
      Array ids = connection.createArrayOf("text", jobIds.toArray());
      query.setArray(1, ids);
      try (ResultSet result = query.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }
}
