package io.selfheal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Who may log in to the embedded PostgreSQL: the superuser {@code postgres} with a generated password, over loopback
 * TCP with SCRAM, and nobody else. zonky's initdb trusts every local connection; this replaces that before the server
 * first listens: the password is set in single-user mode (no socket open) and {@code pg_hba.conf} is rewritten at
 * every start.
 */
final class EmbeddedCredentials {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String USER = "postgres";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HBA = """
            # Written by Selfheal at every start of the embedded server; edits are overwritten.
            # Password (SCRAM) logins over loopback TCP only; no Unix-socket or remote logins.
            host  all  all  127.0.0.1/32  scram-sha-256
            """;

    private final Path passwordFile;

    EmbeddedCredentials(Path passwordFile) {
        this.passwordFile = passwordFile;
    }

    Path passwordFile() {
        return passwordFile;
    }

    /** The stored password, created (mode 0600) on first use. */
    String password() {
        try {
            if (Files.exists(passwordFile)) {
                Files.setPosixFilePermissions(passwordFile, OWNER_ONLY);
                return Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
            }
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Path temporary = Files.createTempFile(passwordFile.toAbsolutePath().getParent(), ".password", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(temporary, password + "\n", StandardCharsets.US_ASCII);
            Files.move(temporary, passwordFile, StandardCopyOption.ATOMIC_MOVE);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + passwordFile.toAbsolutePath(), e);
        }
    }

    /** Locks the data directory down before its server starts: only SCRAM logins over 127.0.0.1. */
    static void writeHba(Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("pg_hba.conf"), HBA, StandardCharsets.US_ASCII);
    }

    /** Sets the superuser's password with no server running (single-user mode: nothing listens meanwhile). */
    static void setPassword(Path dataDir, String password) throws IOException {
        List<String> command = new ArrayList<>(PostgresBinaries.INSTANCE.command("postgres"));
        command.addAll(List.of("--single", "-D", dataDir.toAbsolutePath().toString(),
                "-c", "password_encryption=scram-sha-256", "-c", "listen_addresses=", USER));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // The password is a base64url string: nothing in it needs quoting.
        process.getOutputStream().write(("ALTER ROLE " + USER + " PASSWORD '" + password + "';\n")
                .getBytes(StandardCharsets.US_ASCII));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("ERROR")) {
                process.destroyForcibly();
                throw new IOException("Cannot set the embedded PostgreSQL password: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while setting the embedded PostgreSQL password", e);
        }
    }
}
