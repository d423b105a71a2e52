package io.comptoir.server;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Tells whether this process is alone on a data directory. Every Comptoir process holds a shared
 * lock on {@code comptoir.lock} while it runs; a process that can take the lock exclusively at
 * start is alone, and only then may it recover (fail interrupted runs, delete unreferenced files)
 * without breaking another process's ingestion in flight.
 */
final class DataDirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private FileLock lock;
  private boolean alone;

  private DataDirectoryLock(FileChannel channel, FileLock lock, boolean alone) {
    this.channel = channel;
    this.lock = lock;
    this.alone = alone;
  }

  static DataDirectoryLock acquire(Path dataDirectory) {
    Path file = dataDirectory.resolve("comptoir.lock");
    try {
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      try {
        FileLock exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
        if (exclusive != null) {
          return new DataDirectoryLock(channel, exclusive, true);
        }
        return new DataDirectoryLock(channel, channel.lock(0, Long.MAX_VALUE, true), false);
      } catch (OverlappingFileLockException e) {
        // this JVM already uses the directory (tests open several instances)
        return new DataDirectoryLock(channel, null, false);
      }
    } catch (IOException e) {
      throw new ComptoirException(
          ErrorCode.INTERNAL, "cannot lock the data directory " + dataDirectory + ": " + e, e);
    }
  }

  /** Whether no other process used the directory when this one started. */
  boolean alone() {
    return alone;
  }

  /** After recovery: lets other processes in, keeping a shared lock. */
  void share() {
    if (!alone || lock == null) {
      return;
    }
    try {
      lock.release();
      lock = channel.lock(0, Long.MAX_VALUE, true);
      alone = false;
    } catch (IOException e) {
      throw new ComptoirException(ErrorCode.INTERNAL, "cannot share the data directory lock", e);
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      // closing the channel releases the lock anyway
    }
  }
}
