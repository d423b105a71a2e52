package io.comptoir.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipesTest {
  @TempDir Path directory;

  @Test
  void reusesAReleasedPipeAndDeletesTheDirectoriesOfDeadProcesses() throws Exception {
    Path stale = Files.createDirectories(directory.resolve(Long.MAX_VALUE + "-deadbeef"));
    Files.createFile(stale.resolve("pipe-1"));
    Pipes pipes = new Pipes(directory);
    pipes.clearStale();

    Path first = pipes.acquire().orElseThrow();
    pipes.release(first);

    assertThat(pipes.acquire()).contains(first);
    assertThat(stale).doesNotExist();
    pipes.close();
  }
}
