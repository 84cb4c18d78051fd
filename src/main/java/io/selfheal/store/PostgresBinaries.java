package io.selfheal.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * zonky's bundled PostgreSQL binaries, plus where zonky unpacked them: {@code <working dir>/PG-<MD5 of the archive>},
 * so that Selfheal can run {@code postgres --single} on a data directory before any server listens on it.
 *
 * <p>One shared instance: zonky unpacks once per resolver instance and JVM, and this one sees that archive.
 */
final class PostgresBinaries implements PgBinaryResolver {
    static final PostgresBinaries INSTANCE = new PostgresBinaries();

    private final Path workingDirectory = Path.of(System.getProperty("ot.epg.working-dir",
            Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
    private volatile String archiveDigest;

    private PostgresBinaries() {
    }

    /** Where zonky unpacks; passed to zonky so both agree on it. */
    Path workingDirectory() {
        return workingDirectory;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        if (archive == null) {
            return null;
        }
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new DigestInputStream(archive, md5) {
            private boolean closed;

            @Override
            public void close() throws IOException {
                super.close();
                // zonky reads the archive to its end before closing it (twice: digest() must run once)
                if (!closed) {
                    closed = true;
                    archiveDigest = HexFormat.of().formatHex(md5.digest());
                }
            }
        };
    }

    /** The command that runs a bundled program the way zonky does (in a user namespace when running as root). */
    List<String> command(String program) {
        if (archiveDigest == null) {
            throw new IllegalStateException("The PostgreSQL binaries are not unpacked yet");
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(workingDirectory.resolve("PG-" + archiveDigest).resolve("bin").resolve(program).toString());
        return command;
    }
}
