package io.comptoir.server;

import java.nio.file.Path;

/** Child process for tests: holds a data directory like a running Comptoir until stdin closes. */
public final class HoldDataDirectory {
  private HoldDataDirectory() {}

  public static void main(String[] args) throws Exception {
    try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(args[0]))) {
      lock.share();
      System.out.println("holding");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our stdin
      }
    }
  }
}
