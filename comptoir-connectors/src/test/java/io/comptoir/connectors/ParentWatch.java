package io.comptoir.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs a main class in a child JVM and ends that JVM once the JVM that started it is gone, killed
 * included: the parent holds the child's standard input, which reads end-of-file when the parent
 * dies. Without it a test JVM killed mid-run left its Kafka broker running. Arguments: the main
 * class, then its own arguments.
 */
public final class ParentWatch {
  private ParentWatch() {}

  public static void main(String[] args) throws Exception {
    Thread watch =
        new Thread(
            () -> {
              drain(System.in);
              System.exit(0);
            },
            "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // the parent writes nothing: this only waits for the end of the stream
      }
    } catch (IOException e) {
      // a broken pipe means the parent is gone as well
    }
  }
}
