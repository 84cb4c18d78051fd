package io.selfheal.jbang;

import io.selfheal.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stock Camel JBang runs Selfheal's routes: {@code camel run src/main/resources/routes/*.yaml
 * jbang/application.properties --dep=io.selfheal:selfheal:<version>} in a child JVM whose class path is Camel JBang
 * (camel-jbang-core and what it needs) without Selfheal's classes or Logback. Selfheal arrives only through
 * {@code --dep}, resolved by Camel JBang's own Maven downloader from a repository holding what {@code ./mvnw install}
 * would install (the plain jar and the pom), under a throw-away version so no stale copy can be picked up. The run
 * uses the embedded database defaults. Checks: /observe/health, the context named {@code selfheal} (Quartz finds it
 * by that name), the dashboard at {@code /}, a pushed line ingested, exactly one SLF4J provider, and a SIGTERM that
 * stops Quartz before the database pool closes, within the shutdown timeout.
 */
class StockCamelJBangTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(420);

    @TempDir
    Path work;

    @Test
    void camelRunWithSelfhealAsADependencyServesTheServiceAndStopsCleanly() throws Exception {
        String version = "0.0.0-jbang-test-" + System.currentTimeMillis();
        Path repository = work.resolve("repository");
        installArtifact(repository, version);
        Path cached = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "selfheal", "selfheal", version);
        Path runDir = Files.createDirectories(work.resolve("run"));
        Files.copy(Path.of("jbang/application.properties"), runDir.resolve("application.properties"));
        int port = freePort();

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", camelJBangClassPath(), CamelLauncher.class.getName(), "run"));
        try (Stream<Path> routes = Files.list(Path.of("src/main/resources/routes"))) {
            routes.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .forEach(f -> command.add(f.toAbsolutePath().toString()));
        }
        command.addAll(List.of("application.properties", "--port=" + port,
                "--repos=" + repository.toUri(), "--dep=io.selfheal:selfheal:" + version));

        Path output = work.resolve("camel-run.log");
        Process camel = new ProcessBuilder(command).directory(runDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            HttpResponse<String> health = awaitHealth(port, camel, output);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("route:assessment-schedule");
            assertThat(get(port, "/observe/jolokia/read/org.apache.camel:context=selfheal,type=context,"
                    + "name=%22selfheal%22/CamelId").body()).contains("\"value\":\"selfheal\"");
            assertThat(get(port, "/").statusCode()).isEqualTo(200);
            HttpResponse<String> push = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/logs?service=jbang"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("ERROR payment provider refused the card")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(push.body()).contains("\"accepted\":1");

            camel.destroy(); // SIGTERM, as Ctrl+C on the JVM or `docker stop`
            assertThat(camel.waitFor(30, TimeUnit.SECONDS)).as("stopped within the shutdown timeout").isTrue();
            String log = Files.readString(output);
            assertThat(log).doesNotContain("multiple SLF4J providers");
            assertThat(log).contains("(selfheal) started");
            assertThat(log).doesNotContain("Failed to obtain DB connection").doesNotContain("Forcing shutdown");
            int quartzDone = log.indexOf("shutdown complete.");
            int poolClosed = log.indexOf("selfheal-db - Shutdown completed");
            assertThat(quartzDone).as("Quartz stopped").isPositive();
            assertThat(poolClosed).as("the pool closed after Quartz stopped").isGreaterThan(quartzDone);
        } finally {
            if (camel.isAlive()) {
                camel.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            TestFiles.deleteRecursively(cached); // Camel JBang's downloader copied the throw-away version into ~/.m2
        }
    }

    /** What {@code ./mvnw install} puts in a repository: the plain jar of target/classes and the pom. */
    private static void installArtifact(Path repository, String version) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("io/selfheal/selfheal/" + version));
        String pom = Files.readString(Path.of("pom.xml"))
                .replaceFirst("<version>[^<]+</version>", "<version>" + version + "</version>");
        Files.writeString(dir.resolve("selfheal-" + version + ".pom"), pom);
        Path classes = Path.of("target/classes");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve("selfheal-" + version + ".jar")));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) jar);
                jar.closeEntry();
            }
        }
    }

    /**
     * Camel JBang's class path: this test JVM's class path without Selfheal's own classes and without Logback (the
     * provider a Selfheal jar would drag in), plus the one-class launcher ({@link CamelLauncher}).
     */
    private String camelJBangClassPath() throws IOException {
        Path launcher = work.resolve("launcher");
        String launcherClass = CamelLauncher.class.getName().replace('.', '/') + ".class";
        Files.createDirectories(launcher.resolve(launcherClass).getParent());
        Files.copy(Path.of("target/test-classes").resolve(launcherClass), launcher.resolve(launcherClass));
        String selfheal = Path.of("target").toAbsolutePath().toString();
        return Stream.concat(Stream.of(launcher.toString()),
                        Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                                .filter(entry -> !Path.of(entry).toAbsolutePath().startsWith(selfheal))
                                .filter(entry -> !entry.contains("logback")))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static HttpResponse<String> awaitHealth(int port, Process camel, Path output) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!camel.isAlive()) {
                throw new AssertionError("camel run exited with " + camel.exitValue() + ":\n" + Files.readString(output));
            }
            try {
                HttpResponse<String> response = get(port, "/observe/health");
                if (response.statusCode() == 200 && response.body().contains("assessment-schedule")) {
                    return response;
                }
            } catch (IOException notUpYet) {
                // keep polling until the deadline; 503 while the context is still starting
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("camel run did not serve /observe/health within " + START_TIMEOUT + ":\n"
                        + Files.readString(output));
            }
            Thread.sleep(250);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
