package io.comptoir.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP/1.1 load: {@code connections} keep-alive connections, each sending its next
 * GET as soon as the previous response is read whole, all driven by one thread with non-blocking
 * sockets (the design of load generators such as wrk). One thread instead of one per connection: on
 * a machine whose cores the server shares, the client's own scheduling does not add to the
 * latencies it measures, and it spends little CPU per request.
 *
 * <p>A latency runs from the moment the request is written to the moment the last byte of its
 * response is read. Responses are read with their {@code Content-Length} or their chunked encoding
 * (no trailers); a response other than 200 with a body, a closed connection or an I/O failure is an
 * error, and a failed connection is replaced by a new one.
 */
final class ClosedLoopClient {
  private ClosedLoopClient() {}

  static GovernedBenchmark.SmallReads run(
      String token, Supplier<URI> targets, int connections, int warmupSeconds, int seconds)
      throws IOException {
    long measureStart = System.nanoTime() + warmupSeconds * 1_000_000_000L;
    long measureEnd = measureStart + seconds * 1_000_000_000L;
    URI first = targets.get();
    InetSocketAddress address = new InetSocketAddress(first.getHost(), first.getPort());
    String host = first.getHost() + ":" + first.getPort();
    long[] latencies = new long[1 << 16];
    int count = 0;
    long errors = 0;
    long requests = 0;
    try (Selector selector = Selector.open()) {
      int open = 0;
      for (int i = 0; i < connections; i++) {
        Connection connection = Connection.open(address, selector);
        connection.send(request(targets.get(), host, token));
        open++;
      }
      while (open > 0) {
        selector.select(1_000);
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          Connection connection = (Connection) key.attachment();
          int outcome; // 1 ok, 0 incomplete, -1 failed
          try {
            if (key.isValid() && key.isWritable()) {
              connection.flush();
            }
            outcome = key.isValid() && key.isReadable() ? connection.read() : 0;
          } catch (IOException e) {
            outcome = -1;
          }
          if (outcome == 0) {
            continue;
          }
          long end = System.nanoTime();
          requests++;
          if (connection.started >= measureStart && connection.started < measureEnd) {
            if (outcome < 0) {
              errors++;
            }
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = end - connection.started;
          }
          if (outcome < 0) {
            connection.close();
            if (end >= measureEnd) {
              open--;
              continue;
            }
            connection = Connection.open(address, selector);
          }
          if (end >= measureEnd) {
            connection.close();
            open--;
          } else {
            connection.send(request(targets.get(), host, token));
          }
        }
      }
    }
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return new GovernedBenchmark.SmallReads(sorted, errors, seconds, requests);
  }

  private static byte[] request(URI uri, String host, String token) {
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return ("GET "
            + target
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** One keep-alive connection and the response it is reading. */
  private static final class Connection {
    final SocketChannel channel;
    final SelectionKey key;
    ByteBuffer out = ByteBuffer.allocate(0);
    byte[] in = new byte[64 * 1024];
    int length;
    long started;

    private Connection(SocketChannel channel, SelectionKey key) {
      this.channel = channel;
      this.key = key;
    }

    static Connection open(InetSocketAddress address, Selector selector) throws IOException {
      SocketChannel channel = SocketChannel.open(address);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
      Connection connection = new Connection(channel, key);
      key.attach(connection);
      return connection;
    }

    void send(byte[] request) throws IOException {
      length = 0;
      out = ByteBuffer.wrap(request);
      started = System.nanoTime();
      flush();
    }

    void flush() throws IOException {
      channel.write(out);
      key.interestOps(
          out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    /** Reads what arrived: 1 when the response is whole and good, -1 when it failed, else 0. */
    int read() throws IOException {
      while (true) {
        if (length == in.length) {
          in = Arrays.copyOf(in, in.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(in, length, in.length - length));
        if (n < 0) {
          return -1;
        }
        if (n == 0) {
          break;
        }
        length += n;
      }
      return Response.parse(in, length);
    }

    void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // closing only
      }
    }
  }

  /** An HTTP/1.1 response read from the first byte of a buffer. */
  static final class Response {
    private Response() {}

    /**
     * 1 when the buffer holds a whole 200 response with a body, -1 another whole one, 0 not yet.
     */
    static int parse(byte[] bytes, int length) {
      int headerEnd = indexOf(bytes, length, 0, "\r\n\r\n");
      if (headerEnd < 0) {
        return 0;
      }
      String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
      int status = Integer.parseInt(head.substring(9, 12));
      String lower = head.toLowerCase(Locale.ROOT);
      int bodyStart = headerEnd + 4;
      long body;
      int contentLength = lower.indexOf("\r\ncontent-length:");
      if (contentLength >= 0) {
        int valueEnd = lower.indexOf("\r\n", contentLength + 2);
        body =
            Long.parseLong(
                lower
                    .substring(
                        contentLength + "\r\ncontent-length:".length(),
                        valueEnd < 0 ? lower.length() : valueEnd)
                    .trim());
        if (length < bodyStart + body) {
          return 0;
        }
      } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
        body = 0;
        int at = bodyStart;
        while (true) {
          int lineEnd = indexOf(bytes, length, at, "\r\n");
          if (lineEnd < 0) {
            return 0;
          }
          String size = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
          int extension = size.indexOf(';');
          long chunk =
              Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
          at = lineEnd + 2;
          if (chunk == 0) {
            if (length < at + 2) {
              return 0;
            }
            break;
          }
          if (length < at + chunk + 2) {
            return 0;
          }
          body += chunk;
          at += (int) chunk + 2;
        }
      } else {
        throw new IllegalStateException("response without Content-Length nor chunks: " + head);
      }
      return status == 200 && body > 0 ? 1 : -1;
    }

    private static int indexOf(byte[] bytes, int length, int from, String text) {
      byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
      outer:
      for (int i = from; i <= length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (bytes[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
