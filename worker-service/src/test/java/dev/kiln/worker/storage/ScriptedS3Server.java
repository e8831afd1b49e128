package dev.kiln.worker.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stand-in S3 server on 127.0.0.1 that plays a script: for each request, in order, either drops
 * the connection after reading it (what a client sees when the server closed a keep-alive
 * connection under it) or answers with a status and body and keeps the connection. It checks no
 * signature; it records the requests' heads.
 */
final class ScriptedS3Server implements AutoCloseable {

  /** What the server does with one request. */
  record Step(int status, byte[] body) {

    static final Step DROP = new Step(-1, new byte[0]);

    static Step answer(int status, String body) {
      return new Step(status, body.getBytes(StandardCharsets.UTF_8));
    }

    static Step error(int status, String code) {
      return answer(status, "<?xml version=\"1.0\"?><Error><Code>" + code + "</Code></Error>");
    }
  }

  private final ServerSocket socket;
  private final BlockingQueue<Step> script = new LinkedBlockingQueue<>();
  private final List<String> heads = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> connections = Collections.synchronizedList(new ArrayList<>());
  private volatile int accepted;

  ScriptedS3Server(Step... steps) throws IOException {
    script.addAll(List.of(steps));
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("scripted-s3-accept").start(this::acceptLoop);
  }

  /** The bucket URL for {@link S3Endpoint}: path-style, bucket {@code kiln}. */
  String bucketUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/kiln/";
  }

  /** Request lines received, e.g. {@code GET /kiln/a/b HTTP/1.1}. */
  List<String> requests() {
    return heads().stream().map(head -> head.substring(0, head.indexOf("\r\n"))).toList();
  }

  /** Request lines and headers received, as sent. */
  List<String> heads() {
    synchronized (heads) {
      return List.copyOf(heads);
    }
  }

  int connectionsAccepted() {
    return accepted;
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        accepted++;
        connections.add(connection);
        Thread.ofPlatform().daemon().start(() -> serve(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection;
        InputStream in = connection.getInputStream();
        OutputStream out = connection.getOutputStream()) {
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        in.readNBytes(contentLength(head));
        heads.add(head);
        Step step = script.poll();
        if (step == null || step == Step.DROP) {
          return; // closes without an answer
        }
        out.write(
            ("HTTP/1.1 "
                    + step.status()
                    + " Scripted\r\nContent-Length: "
                    + step.body().length
                    + "\r\nContent-Type: application/xml\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(step.body());
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (connections) {
      for (Socket connection : connections) {
        connection.close();
      }
    }
  }
}
