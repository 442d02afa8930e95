package dev.millrace.broker.amqp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed certificates for the test broker's TLS listener and for a client, made with the JDK's keytool: the
 * broker gets PEM files, the client PKCS12 stores.
 *
 * @param brokerCertificate the broker's certificate (PEM), for {@code localhost} only
 * @param brokerKey         the broker's private key (PKCS#8 PEM)
 * @param trustedByBroker   the certificates the broker trusts (PEM): its own and the client's
 * @param clientTruststore  PKCS12 store trusting the broker's certificate
 * @param clientKeystore    PKCS12 store with the client's key and certificate (CN {@value #CLIENT_NAME})
 */
record TlsMaterial(Path brokerCertificate, Path brokerKey, Path trustedByBroker, Path clientTruststore,
                   Path clientKeystore) {
    static final String PASSWORD = "changeit-millrace";
    static final String BROKER_HOST = "localhost";
    static final String CLIENT_NAME = "millrace-tls-client";

    static TlsMaterial create(Path directory) throws IOException, InterruptedException, GeneralSecurityException {
        Path brokerStore = directory.resolve("broker.p12");
        Path clientKeystore = directory.resolve("client.p12");
        generateKeyPair(brokerStore, "broker", "CN=" + BROKER_HOST, "SAN=dns:" + BROKER_HOST);
        generateKeyPair(clientKeystore, "client", "CN=" + CLIENT_NAME, null);
        KeyStore broker = load(brokerStore);
        Certificate brokerCertificate = broker.getCertificate("broker");
        Certificate clientCertificate = load(clientKeystore).getCertificate("client");

        Path brokerCertificateFile = writePem(directory.resolve("broker-cert.pem"), "CERTIFICATE",
                brokerCertificate.getEncoded());
        Key key = broker.getKey("broker", PASSWORD.toCharArray());
        Path brokerKeyFile = writePem(directory.resolve("broker-key.pem"), "PRIVATE KEY", key.getEncoded());
        Path trusted = directory.resolve("trusted-by-broker.pem");
        Files.writeString(trusted, pem("CERTIFICATE", brokerCertificate.getEncoded())
                + pem("CERTIFICATE", clientCertificate.getEncoded()));

        KeyStore truststore = KeyStore.getInstance("PKCS12");
        truststore.load(null, null);
        truststore.setCertificateEntry("broker", brokerCertificate);
        Path truststoreFile = directory.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(truststoreFile)) {
            truststore.store(out, PASSWORD.toCharArray());
        }
        return new TlsMaterial(brokerCertificateFile, brokerKeyFile, trusted, truststoreFile, clientKeystore);
    }

    private static void generateKeyPair(Path store, String alias, String name, String extension)
            throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", name, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
        return KeyStore.getInstance(store.toFile(), PASSWORD.toCharArray());
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        return Files.writeString(file, pem(type, der));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
