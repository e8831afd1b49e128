package dev.kiln.api.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a socket, for what an HTTP library hides: a body that keeps coming
 * after the server answered, and whether the server then closes the connection.
 */
public final class RawHttp {

  /** A response as read off the socket. */
  public record Reply(int status, Map<String, String> headers, String body, boolean closed) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Writes body bytes until told to stop or the connection breaks. */
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private RawHttp() {}

  /**
   * Sends the request head, then the body from another thread, and reads the response meanwhile.
   *
   * @param timeout how long the whole answer, and the server's close after it, may take
   */
  public static Reply exchange(URI server, String head, Body body, Duration timeout)
      throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      body.writeTo(out);
                      out.flush();
                    } catch (IOException closedByServer) {
                      // expected once the server has answered and closed
                    }
                  });
      try {
        return read(socket.getInputStream(), System.nanoTime() + timeout.toNanos());
      } finally {
        writer.interrupt();
      }
    }
  }

  /** A body of {@code total} bytes of {@code fill}, written in 64 KiB pieces. */
  public static Body repeated(long total, byte fill) {
    return out -> {
      byte[] piece = new byte[64 * 1024];
      java.util.Arrays.fill(piece, fill);
      for (long sent = 0; sent < total && !Thread.currentThread().isInterrupted(); ) {
        int n = (int) Math.min(piece.length, total - sent);
        out.write(piece, 0, n);
        sent += n;
      }
    };
  }

  /** The same body in chunked transfer coding, with its closing chunk. */
  public static Body chunked(byte[] prefix, long total, byte fill) {
    return out -> {
      writeChunk(out, prefix, prefix.length);
      byte[] piece = new byte[64 * 1024];
      java.util.Arrays.fill(piece, fill);
      for (long sent = 0; sent < total && !Thread.currentThread().isInterrupted(); ) {
        int n = (int) Math.min(piece.length, total - sent);
        writeChunk(out, piece, n);
        sent += n;
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    };
  }

  private static void writeChunk(OutputStream out, byte[] bytes, int length) throws IOException {
    if (length == 0) {
      return;
    }
    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes, 0, length);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Reply read(InputStream in, long deadline) throws IOException {
    String statusLine = line(in);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Reply(
        Integer.parseInt(statusLine.split(" ")[1]),
        headers,
        new String(body, StandardCharsets.UTF_8),
        closedBy(in, deadline));
  }

  /** True when the server closes the connection (end of stream or reset) before the deadline. */
  private static boolean closedBy(InputStream in, long deadline) throws IOException {
    try {
      while (System.nanoTime() < deadline) {
        if (in.read() < 0) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed before the response was complete");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }
}
