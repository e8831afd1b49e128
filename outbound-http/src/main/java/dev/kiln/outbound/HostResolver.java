package dev.kiln.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses, once per request hop. Blocking: {@link OutboundFetcher} and
 * {@link OutboundPoster} call it on a worker thread. Every address it returns is checked and the
 * connection goes to one of those very addresses, so an answer that changes between check and
 * connect (DNS rebinding) has no effect. Tests substitute a fixed table.
 */
@FunctionalInterface
public interface HostResolver {

  /** The JDK's resolver (the operating system's, with the JVM's cache). */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  List<InetAddress> resolve(String host) throws UnknownHostException;
}
