package io.selfheal.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test apps never load the checkout's {@code ./routes}: a user's route file there (the README invites one, and
 * {@code .ci/run} drops a broken one before {@code verify}) must not change what any test sees.
 */
class TestAppRoutesDirectoryTest {
    @TempDir
    Path work;

    @Test
    void everyTestAppGetsAnEmptyRoutesDirectoryOfItsOwn() throws Exception {
        Path checkoutRoutes = Path.of("routes").toAbsolutePath().normalize();
        Map<String, String> first = RunningApp.baseProperties(RunningApp.freePort(), work.resolve("logs"));
        Map<String, String> second = RunningApp.baseProperties(RunningApp.freePort(), work.resolve("logs"));

        Path routes = Path.of(first.get("selfheal.routes.dir")).toAbsolutePath().normalize();
        assertThat(routes).isNotEqualTo(checkoutRoutes).isEmptyDirectory();
        assertThat(routes.startsWith(Path.of("").toAbsolutePath())).as("outside the checkout").isFalse();
        assertThat(second.get("selfheal.routes.dir")).isNotEqualTo(first.get("selfheal.routes.dir"));
    }
}
