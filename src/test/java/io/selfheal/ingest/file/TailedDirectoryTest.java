package io.selfheal.ingest.file;

import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test of the tailer on a fresh directory and an emptied database. */
abstract class TailedDirectoryTest {
    @TempDir
    Path logs;

    TailerHarness harness;

    @BeforeEach
    void resetDatabase() {
        TestDatabase.get().reset();
        harness = new TailerHarness(logs);
    }
}
