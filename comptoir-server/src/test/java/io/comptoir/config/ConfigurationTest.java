package io.comptoir.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.comptoir.common.ComptoirException;
import io.comptoir.common.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {
  @TempDir Path directory;

  @Test
  void usesDefaultsWhenNothingIsGiven() {
    Configuration configuration = load(Map.of(), Map.of());

    assertThat(configuration.path(ConfigKeys.DATA_DIR)).isEqualTo(directory.resolve("data"));
    assertThat(configuration.integer(ConfigKeys.HTTP_PORT)).isEqualTo(8080);
    assertThat(configuration.string(ConfigKeys.ENGINE_MEMORY_LIMIT)).isEqualTo("2GB");
    assertThat(configuration.optionalInteger(ConfigKeys.ENGINE_THREADS)).isEmpty();
    assertThat(configuration.decimal(ConfigKeys.INGEST_TOLERATED_REJECT_RATE)).isEqualTo(0.05);
    assertThat(configuration.optional(ConfigKeys.STORE_JDBC_URL)).isEmpty();
    assertThat(configuration.bytes(ConfigKeys.INGEST_MAX_UPLOAD_BYTES)).isEqualTo(1L << 30);
    assertThat(configuration.setting(ConfigKeys.HTTP_PORT).origin()).isEqualTo("default");
  }

  @Test
  void importDirectoriesDefaultUnderTheDataDirectory() {
    Configuration configuration = load(Map.of("data-dir", "/srv/comptoir"), Map.of());

    assertThat(configuration.paths(ConfigKeys.INGEST_IMPORT_DIRS))
        .containsExactly(Path.of("/srv/comptoir/inbox"));
  }

  @Test
  void splitsImportDirectoriesOnCommas() {
    Configuration configuration = load(Map.of("ingest-import-dirs", "/a, relative/b,,"), Map.of());

    assertThat(configuration.paths(ConfigKeys.INGEST_IMPORT_DIRS))
        .containsExactly(Path.of("/a"), directory.resolve("relative/b"));
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
    Files.writeString(
        directory.resolve("comptoir.properties"),
        "http-port=1111\nhttp-host=0.0.0.0\nengine-threads=3\n");
    Map<String, String> environment =
        Map.of("COMPTOIR_HTTP_PORT", "2222", "COMPTOIR_HTTP_HOST", "10.0.0.1");

    Configuration configuration = load(Map.of("http-port", "3333"), environment);

    assertThat(configuration.integer(ConfigKeys.HTTP_PORT)).isEqualTo(3333);
    assertThat(configuration.setting(ConfigKeys.HTTP_PORT).origin()).isEqualTo("command line");
    assertThat(configuration.string(ConfigKeys.HTTP_HOST)).isEqualTo("10.0.0.1");
    assertThat(configuration.setting(ConfigKeys.HTTP_HOST).origin())
        .isEqualTo("environment COMPTOIR_HTTP_HOST");
    assertThat(configuration.integer(ConfigKeys.ENGINE_THREADS)).isEqualTo(3);
    assertThat(configuration.setting(ConfigKeys.ENGINE_THREADS).origin())
        .isEqualTo("file " + directory.resolve("comptoir.properties"));
    assertThat(configuration.string(ConfigKeys.ENGINE_MEMORY_LIMIT)).isEqualTo("2GB");
  }

  @Test
  void readsAnExplicitConfigFileInsteadOfTheDefaultOne() throws IOException {
    Files.writeString(directory.resolve("comptoir.properties"), "http-port=1111\n");
    Path explicit = Files.writeString(directory.resolve("prod.properties"), "http-port=4444\n");

    Configuration configuration =
        Configuration.load(Map.of(), Map.of(), Optional.of(explicit), directory);

    assertThat(configuration.integer(ConfigKeys.HTTP_PORT)).isEqualTo(4444);
  }

  @Test
  void refusesAMissingExplicitConfigFile() {
    Path missing = directory.resolve("missing.properties");

    assertThatThrownBy(
            () -> Configuration.load(Map.of(), Map.of(), Optional.of(missing), directory))
        .isInstanceOf(ComptoirException.class)
        .hasMessage("configuration file not found: " + missing);
  }

  @Test
  void refusesUnknownKeysOnTheCommandLineAndInFiles() throws IOException {
    assertThatThrownBy(() -> load(Map.of("http-prot", "1"), Map.of()))
        .isInstanceOf(ComptoirException.class)
        .hasMessageStartingWith("unknown configuration key 'http-prot' on the command line")
        .hasMessageContaining("known keys: data-dir, http-host, http-port");
    Files.writeString(directory.resolve("comptoir.properties"), "datadir=/x\n");
    assertThatThrownBy(() -> load(Map.of(), Map.of()))
        .hasMessageStartingWith(
            "unknown configuration key 'datadir' in " + directory.resolve("comptoir.properties"));
  }

  @Test
  void ignoresEnvironmentVariablesThatNameNoKey() {
    Configuration configuration = load(Map.of(), Map.of("COMPTOIR_HOME", "/opt"));

    assertThat(configuration.integer(ConfigKeys.HTTP_PORT)).isEqualTo(8080);
  }

  @Test
  void refusesBadValuesNamingTheKeyTheValueAndTheSource() {
    assertBad(
        Map.of("http-port", "80a"),
        "configuration key 'http-port': expected a port number 0-65535, got '80a' (from command"
            + " line)");
    assertBad(
        Map.of("http-port", "70000"),
        "configuration key 'http-port': expected a port number 0-65535, got '70000' (from command"
            + " line)");
    assertBad(
        Map.of("ingest-tolerated-reject-rate", "5%"),
        "configuration key 'ingest-tolerated-reject-rate': expected a number between 0 and 1, got"
            + " '5%' (from command line)");
    assertBad(
        Map.of("ingest-max-upload-bytes", "lots"),
        "configuration key 'ingest-max-upload-bytes': expected a size such as 500MB or 1GB, got"
            + " 'lots' (from command line)");
    assertBad(
        Map.of("engine-memory-limit", "2 gigs"),
        "configuration key 'engine-memory-limit': expected a memory size such as 2GB or 512MB, got"
            + " '2 gigs' (from command line)");
    assertBad(
        Map.of("engine-threads", "0"),
        "configuration key 'engine-threads': expected a whole number >= 1, got '0' (from command"
            + " line)");
    assertBad(
        Map.of("store-jdbc-url", "postgresql://db/comptoir"),
        "configuration key 'store-jdbc-url': expected a JDBC URL starting with jdbc:, got"
            + " 'postgresql://db/comptoir' (from command line)");
  }

  @Test
  void namesTheEnvironmentVariableOfABadValue() {
    assertThatThrownBy(() -> load(Map.of(), Map.of("COMPTOIR_HTTP_PORT", "http")))
        .isInstanceOf(ComptoirException.class)
        .hasMessage(
            "configuration key 'http-port': expected a port number 0-65535, got 'http' (from"
                + " environment COMPTOIR_HTTP_PORT)");
  }

  @Test
  void refusesEmptyValuesForKeysWithADefault() {
    assertBad(
        Map.of("data-dir", " "),
        "configuration key 'data-dir' is empty (from command line): expected a path");
  }

  @Test
  void neverPrintsSecrets() {
    Configuration configuration = load(Map.of("store-password", "hunter2"), Map.of());

    assertThat(configuration.display(ConfigKeys.STORE_PASSWORD)).isEqualTo("********");
    assertThat(configuration.string(ConfigKeys.STORE_PASSWORD)).isEqualTo("hunter2");
  }

  @Test
  void parsesSizesInPowersOf1024() {
    assertThat(ConfigType.parseBytesOrNegative("512")).isEqualTo(512);
    assertThat(ConfigType.parseBytesOrNegative("4KB")).isEqualTo(4096);
    assertThat(ConfigType.parseBytesOrNegative("10 mb")).isEqualTo(10L << 20);
    assertThat(ConfigType.parseBytesOrNegative("2TB")).isEqualTo(2L << 40);
    assertThat(ConfigType.parseBytesOrNegative("1.5GB")).isEqualTo(-1);
  }

  @Test
  void declaresKebabCaseKeysWithEnvironmentNames() {
    List<String> keys = ConfigKeys.ALL.stream().map(ConfigKey::key).toList();

    assertThat(keys).doesNotHaveDuplicates().allMatch(key -> key.matches("[a-z0-9-]+"));
    assertThat(ConfigKeys.INGEST_MAX_UPLOAD_BYTES.environmentVariable())
        .isEqualTo("COMPTOIR_INGEST_MAX_UPLOAD_BYTES");
    assertThatThrownBy(() -> new ConfigKey("HttpPort", ConfigType.PORT, "1", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("config key must be kebab-case: HttpPort");
  }

  @Test
  void everyDefaultIsValid() {
    Configuration configuration = Configuration.of(Map.of(), directory);

    for (ConfigKey key : ConfigKeys.ALL) {
      assertThat(configuration.setting(key).origin()).as(key.key()).isEqualTo("default");
    }
  }

  private Configuration load(Map<String, String> overrides, Map<String, String> environment) {
    return Configuration.load(overrides, environment, Optional.empty(), directory);
  }

  private void assertBad(Map<String, String> overrides, String message) {
    assertThatThrownBy(() -> load(overrides, Map.of()))
        .isInstanceOfSatisfying(
            ComptoirException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT))
        .hasMessage(message);
  }
}
