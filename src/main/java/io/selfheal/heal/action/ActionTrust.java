package io.selfheal.heal.action;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

/**
 * Whom action requests trust over HTTPS: the JVM's certificate authorities plus those of a PEM file, e.g. the
 * cluster CA an in-cluster Kubernetes API server is signed with ({@code /var/run/secrets/kubernetes.io/serviceaccount/ca.crt}).
 * Standard PKIX validation and host name checks apply; nothing is trusted blindly.
 */
public final class ActionTrust {
    private ActionTrust() {
    }

    public static X509TrustManager withAuthoritiesFrom(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultTrustManager(null).getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, ca);
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(pemFile)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pemFile);
            }
            for (Certificate ca : extra) {
                store.setCertificateEntry("extra-" + n++, ca);
            }
            return defaultTrustManager(store);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA file " + pemFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not PEM certificates: " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager defaultTrustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JVM offers no X.509 trust manager");
    }
}
