package io.selfheal.store;

import io.selfheal.testing.ChildApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second Selfheal started in a folder whose embedded database another one holds (here this JVM holds the lock, as a
 * running service does) tells the user so in one line and exits 1: no stack trace, no "SIGTERM" nobody sent.
 */
class SecondInstanceTest {
    @TempDir
    Path work;

    @Test
    void aSecondInstanceSaysWhoHoldsTheFolderInOneLineAndExits1() throws Exception {
        Path dataDir = work.resolve("data").resolve("postgres");
        Files.createDirectories(dataDir.getParent());
        try (DataDirectoryLock held = DataDirectoryLock.acquire(dataDir.resolveSibling("postgres.lock"), "unused");
             ChildApp second = ChildApp.start(work.resolve("logs"), Map.of(
                     "selfheal.db.url", "",
                     "selfheal.db.embedded.data-dir", dataDir.toString(),
                     // The service's own logging (Camel at INFO), not the tests' quieter one.
                     "logback.configurationFile", Path.of("src/main/resources/logback.xml").toAbsolutePath().toString()),
                     work.resolve("second.log"))) {
            assertThat(second.awaitExit(Duration.ofSeconds(120))).isEqualTo(1);

            List<String> lines = Files.readAllLines(second.output());
            String expected = "another Selfheal is running in " + dataDir.getParent() + " (pid "
                    + ProcessHandle.current().pid() + "): stop it, or give this one its own folder"
                    + " (selfheal.db.embedded.data-dir)";
            assertThat(lines).as(String.join("\n", lines)).contains(expected);
            assertThat(lines).noneMatch(line -> line.contains("SIGTERM"))
                    .noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"))
                    .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
        }
    }
}
