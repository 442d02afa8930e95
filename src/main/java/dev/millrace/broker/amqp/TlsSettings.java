package dev.millrace.broker.amqp;

import dev.millrace.message.ConnectionException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to secure the AMQP connection with TLS.
 *
 * @param enabled            connect with TLS at all
 * @param truststore         certificates to trust (PKCS12 or JKS); {@code null} trusts the JVM's default authorities
 * @param truststorePassword pass phrase of the truststore
 * @param keystore           client certificate and key (PKCS12 or JKS) for mutual TLS, or {@code null}
 * @param keystorePassword   pass phrase of the keystore and its key
 * @param verifyHostname     check that the server certificate names the host connected to
 */
record TlsSettings(boolean enabled, Path truststore, Secret truststorePassword, Path keystore, Secret keystorePassword,
                   boolean verifyHostname) {

    static final TlsSettings DISABLED = new TlsSettings(false, null, Secret.NONE, null, Secret.NONE, true);

    /** The context the connection factory uses; fails with INVALID_OPTIONS when a store cannot be read. */
    SSLContext sslContext() {
        try {
            KeyManager[] keyManagers = null;
            if (keystore != null) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(load(keystore, keystorePassword), keystorePassword.chars());
                keyManagers = factory.getKeyManagers();
            }
            TrustManager[] trustManagers = null;
            if (truststore != null) {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init(load(truststore, truststorePassword));
                trustManagers = factory.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                    "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, Secret password) {
        try {
            // The type (PKCS12 or JKS) is detected from the file's content.
            return KeyStore.getInstance(path.toFile(), password.chars());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                    "cannot read key store " + path + ": " + e.getMessage(), e);
        }
    }
}
