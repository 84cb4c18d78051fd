package io.selfheal.heal.action;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A private certificate authority and a server certificate for 127.0.0.1 signed by it, made with the JDK's own
 * {@code keytool}: what an in-cluster Kubernetes API server presents.
 */
final class TestCertificates {
    private static final String PASSWORD = "changeit";

    final Path caPem;
    private final Path serverStore;

    private TestCertificates(Path caPem, Path serverStore) {
        this.caPem = caPem;
        this.serverStore = serverStore;
    }

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path crt = dir.resolve("server.crt");
        Path caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-keystore", ca, "-alias", "ca", "-dname", "CN=selfheal-test-cluster-ca", "-keyalg", "EC",
                "-groupname", "secp256r1", "-ext", "bc:c", "-validity", "2");
        keytool("-exportcert", "-keystore", ca, "-alias", "ca", "-rfc", "-file", caPem);
        keytool("-genkeypair", "-keystore", server, "-alias", "server", "-dname", "CN=127.0.0.1", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2");
        keytool("-certreq", "-keystore", server, "-alias", "server", "-file", csr);
        keytool("-gencert", "-keystore", ca, "-alias", "ca", "-infile", csr, "-outfile", crt, "-rfc",
                "-ext", "san=ip:127.0.0.1", "-validity", "2");
        keytool("-importcert", "-keystore", server, "-alias", "ca", "-file", caPem, "-noprompt");
        keytool("-importcert", "-keystore", server, "-alias", "server", "-file", crt, "-noprompt");
        return new TestCertificates(caPem, server);
    }

    /** The server side: its certificate chain up to the private CA. */
    SSLContext serverContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(Object... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        for (Object arg : args) {
            command.add(arg.toString());
        }
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool " + command + " failed: " + output);
        }
    }
}
