package io.selfheal.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of one data directory, kept alive: durable ({@code fsync} and {@code synchronous_commit}
 * on), reachable only on 127.0.0.1 with a password, locked to one Selfheal, cleaned up after a crash of the previous
 * run, and restarted on the same port when it dies.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** How long the server outlives a JVM exit waiting for Camel to stop and close it (shutdown timeout 10 s). */
    private static final Duration OWNER_CLOSE_GRACE = Duration.ofSeconds(15);

    private final Path dataDir;
    private final DataDirectoryLock lock;
    private final String password;
    private final ScheduledExecutorService watchdog;
    private EmbeddedPostgres server;
    private volatile int port;
    private volatile ProcessHandle postmaster;
    private volatile String problem;
    private volatile boolean closed;

    private EmbeddedServer(Path dataDir, DataDirectoryLock lock, String password) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.password = password;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-postgres-watchdog");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the server of {@code dataDir} on {@code port} (0: any free port) and watches it. */
    static EmbeddedServer start(Path dataDir, int port) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + parent, e);
        }
        DataDirectoryLock lock = DataDirectoryLock.acquire(siblingFile(absolute, ".lock"),
                String.valueOf(dataDir.getParent() == null ? "." : dataDir.getParent()));
        EmbeddedServer embedded = null;
        try {
            String password = new EmbeddedCredentials(passwordFile(absolute)).password();
            embedded = new EmbeddedServer(absolute, lock, password);
            OrphanPostmaster.stopIfRunning(absolute);
            embedded.launch(port);
            embedded.watchdog.scheduleWithFixedDelay(embedded::watch, WATCH_INTERVAL.toMillis(),
                    WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            // When the JVM exits (SIGTERM), Camel stops first and then closes the database, this server included:
            // zonky's own hook would stop the server at once, under the routes and Quartz still using it. This hook
            // only stops the watchdog (an exit is no death to repair) and stops the server if nobody closed it.
            EmbeddedServer started = embedded;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.closeWhenOwnerDid(OWNER_CLOSE_GRACE),
                    "embedded-postgres-stop"));
            return embedded;
        } catch (IOException | RuntimeException e) {
            if (embedded != null) {
                embedded.watchdog.shutdownNow();
            }
            lock.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + absolute, io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The file holding the superuser's password, next to the data directory ({@code ./data/postgres.password}). */
    static Path passwordFile(Path dataDir) {
        return siblingFile(dataDir.toAbsolutePath().normalize(), ".password");
    }

    private static Path siblingFile(Path dataDir, String suffix) {
        return dataDir.resolveSibling(dataDir.getFileName() + suffix);
    }

    int port() {
        return port;
    }

    String user() {
        return EmbeddedCredentials.USER;
    }

    String password() {
        return password;
    }

    Path passwordFile() {
        return passwordFile(dataDir);
    }

    /** Why the server is not serving right now, or empty while it runs. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    private synchronized void launch(int requestedPort) throws IOException {
        server = EmbeddedPostgres.builder()
                .setPgBinaryResolver(PostgresBinaries.INSTANCE)
                .setOverrideWorkingDirectory(PostgresBinaries.INSTANCE.workingDirectory().toFile())
                .setDataDirectory(dataDir)
                // Keeping the directory is what makes the embedded database durable across restarts.
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false) // see start(): closed after Camel stopped, not beside it
                .setPort(requestedPort)
                .setPGStartupWait(STARTUP_WAIT)
                // zonky's defaults trade durability for speed (-F, synchronous_commit=off): an acknowledged
                // write must survive a crash, so both are switched back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(directory -> lockDown(directory.toPath()))
                .start();
        port = server.getPort();
        postmaster = OrphanPostmaster.find(dataDir)
                .orElseThrow(() -> new IOException("PostgreSQL started but no postmaster runs in " + dataDir));
        problem = null;
    }

    private void lockDown(Path directory) {
        try {
            EmbeddedCredentials.writeHba(directory);
            EmbeddedCredentials.setPassword(directory, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restarts a server that died; runs on the watchdog thread, which must survive anything. */
    private void watch() {
        try {
            if (closed || postmaster.isAlive()) {
                return;
            }
            restart();
        } catch (Throwable e) {
            problem = "the embedded PostgreSQL is down and could not be restarted yet: " + e;
            LOG.warn("Could not restart the embedded PostgreSQL in {}: {}", dataDir, e.toString());
        }
    }

    private synchronized void restart() throws IOException {
        if (closed || shuttingDown()) {
            return;
        }
        if (problem == null) {
            problem = "the embedded PostgreSQL stopped at " + Instant.now() + "; restarting it";
            LOG.warn("The embedded PostgreSQL (pid {}) in {} stopped: restarting it on port {}",
                    postmaster.pid(), dataDir, port);
        }
        stopServer();
        // A half-started attempt must not block the next one: its postmaster, and zonky's lock file, whose
        // lock a failed start keeps in this JVM (a new file is a new lock).
        OrphanPostmaster.stopIfRunning(dataDir);
        Files.deleteIfExists(dataDir.resolve("epg-lock"));
        launch(port);
        LOG.info("The embedded PostgreSQL in {} runs again on port {}", dataDir, port);
    }

    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private void stopServer() {
        try {
            // Also releases zonky's own lock on the directory; its stop command may fail on a dead server.
            server.close();
        } catch (IOException e) {
            LOG.debug("Stopping the embedded PostgreSQL: {}", e.toString());
        }
    }

    /** At JVM exit: no more restarts; waits up to {@code grace} for the owner's close, then closes. */
    private void closeWhenOwnerDid(Duration grace) {
        watchdog.shutdownNow();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.shutdownNow();
        synchronized (this) {
            try {
                stopServer();
            } finally {
                lock.close();
            }
        }
    }
}
