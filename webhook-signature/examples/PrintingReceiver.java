import com.sun.net.httpserver.HttpServer;
import dev.kiln.webhooks.WebhookSecret;
import dev.kiln.webhooks.WebhookVerificationException;
import dev.kiln.webhooks.WebhookVerifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * A webhook receiver for trying Kiln out: verifies every delivery with the given secrets
 * (comma-separated; the {@code KILN_WEBHOOK_SECRET} environment variable by default), prints it,
 * and answers 204, or 401 with the reason when it does not verify.
 *
 * <p>Run it with {@code ./kiln webhook-receiver [port] [secret,...]}.
 */
public final class PrintingReceiver {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
    String secrets = args.length > 1 ? args[1] : System.getenv("KILN_WEBHOOK_SECRET");
    if (secrets == null || secrets.isBlank()) {
      System.err.println("usage: PrintingReceiver [port] whsec_...[,whsec_...]");
      System.exit(2);
    }
    WebhookSecret[] parsed =
        Arrays.stream(secrets.split(",")).map(String::trim).map(WebhookSecret::parse)
            .toArray(WebhookSecret[]::new);
    WebhookVerifier verifier =
        WebhookVerifier.of(parsed[0], Arrays.copyOfRange(parsed, 1, parsed.length));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status;
          try {
            String id = verifier.verify(exchange.getRequestHeaders(), body);
            System.out.printf(
                "%s verified %s %s%n  %s%n",
                LocalTime.now().format(TIME),
                exchange.getRequestURI().getPath(),
                id,
                new String(body, StandardCharsets.UTF_8));
            status = 204;
          } catch (WebhookVerificationException e) {
            System.out.printf(
                "%s REFUSED %s: %s (%s)%n",
                LocalTime.now().format(TIME),
                exchange.getRequestURI().getPath(),
                e.getMessage(),
                e.reason());
            status = 401;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    System.out.println("Receiving webhooks on http://127.0.0.1:" + port + "/ (Ctrl-C stops)");
  }
}
