package io.selfheal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files a test made and must remove. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Deletes a directory and all it holds (nothing when it does not exist); fails when a file cannot be deleted. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
