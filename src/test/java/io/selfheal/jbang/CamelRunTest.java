package io.selfheal.jbang;

import io.selfheal.store.DatabaseSettings;
import io.selfheal.testing.RunningApp;
import io.selfheal.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code camel run <Selfheal's route files> jbang/application.properties} (Camel JBang, in its own JVM on the Maven
 * classpath, as {@code jbang/camel} runs it) starts the routes with Selfheal's beans and ingests a pushed line.
 */
class CamelRunTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void camelRunStartsSelfhealsRoutesAndIngestsALine() throws Exception {
        TestDatabase.get().reset();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), CamelLauncher.class.getName(), "run"));
        try (Stream<Path> routes = Files.list(Path.of("src/main/resources/routes"))) {
            routes.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .forEach(f -> command.add(f.toAbsolutePath().toString()));
        }
        command.add(properties().toString());
        int port = freePort();
        command.add("--port=" + port);

        Path output = work.resolve("camel-run.log");
        Process camel = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            HttpResponse<String> answer = postWhenUp(port, Duration.ofSeconds(120), camel, output);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"accepted\":1");
            assertThat(RunningApp.count("SELECT count(*) FROM error_fingerprints WHERE service = 'jbang'")).isEqualTo(1);
        } finally {
            camel.destroy();
            if (!camel.waitFor(30, TimeUnit.SECONDS)) {
                camel.destroyForcibly();
            }
        }
    }

    /** jbang/application.properties, pointed at the test database and a temporary logs directory. */
    private Path properties() throws IOException {
        DatabaseSettings db = TestDatabase.get().settings();
        Path file = work.resolve("application.properties");
        Files.writeString(file, Files.readString(Path.of("jbang/application.properties"))
                .replace("selfheal.files.directory = ./logs", "selfheal.files.directory = " + work.resolve("logs"))
                + "selfheal.db.url = " + db.url() + "\n"
                + "selfheal.db.user = " + db.user() + "\n"
                + "selfheal.db.password = " + (db.password() == null ? "" : db.password()) + "\n");
        return file;
    }

    private static HttpResponse<String> postWhenUp(int port, Duration timeout, Process camel, Path output)
            throws Exception {
        HttpRequest push = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/logs?service=jbang"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("ERROR payment provider refused the card")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!camel.isAlive()) {
                throw new AssertionError("camel run exited with " + camel.exitValue() + ":\n" + Files.readString(output));
            }
            try {
                HttpResponse<String> response = HTTP.send(push, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 404) {
                    return response;
                }
            } catch (IOException notUpYet) {
                // keep polling until the deadline
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("camel run did not serve /api/v1/logs within " + timeout + ":\n"
                        + Files.readString(output));
            }
            Thread.sleep(250);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
