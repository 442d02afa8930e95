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
 * Certificates for the test broker's TLS listener and for a client, made with the JDK's keytool: a self-signed
 * broker certificate for {@code localhost}, and a client certificate signed by a test CA the broker trusts (Erlang
 * refuses self-signed client certificates). The broker gets PEM files, the client PKCS12 stores.
 *
 * @param brokerCertificate the broker's certificate (PEM)
 * @param brokerKey         the broker's private key (PKCS#8 PEM)
 * @param trustedByBroker   the certificate authority the broker trusts for clients (PEM)
 * @param clientTruststore  PKCS12 store trusting the broker's certificate
 * @param clientKeystore    PKCS12 store with the client's key and CA-signed certificate (CN {@value #CLIENT_NAME})
 */
record TlsMaterial(Path brokerCertificate, Path brokerKey, Path trustedByBroker, Path clientTruststore,
                   Path clientKeystore) {
    static final String PASSWORD = "changeit-millrace";
    static final String BROKER_HOST = "localhost";
    static final String CLIENT_NAME = "millrace-tls-client";

    static TlsMaterial create(Path directory) throws IOException, InterruptedException, GeneralSecurityException {
        Path authorityStore = directory.resolve("ca.p12");
        Path brokerStore = directory.resolve("broker.p12");
        Path clientKeystore = directory.resolve("client.p12");
        Path clientRequest = directory.resolve("client.csr");
        Path clientSigned = directory.resolve("client-signed.pem");
        Path authorityPem = directory.resolve("ca.pem");
        // keytool starts a JVM per command: the three independent key pairs are made at once.
        List<Process> keyPairs = List.of(
                keyPair(authorityStore, "ca", "CN=millrace-test-ca", "bc:c"),
                keyPair(brokerStore, "broker", "CN=" + BROKER_HOST, "SAN=dns:" + BROKER_HOST),
                keyPair(clientKeystore, "client", "CN=" + CLIENT_NAME, "KeyUsage=digitalSignature"));
        for (Process process : keyPairs) {
            await(process);
        }
        await(keytool("-certreq", "-alias", "client", "-keystore", clientKeystore.toString(),
                "-file", clientRequest.toString()));
        await(keytool("-gencert", "-alias", "ca", "-keystore", authorityStore.toString(), "-rfc",
                "-infile", clientRequest.toString(), "-outfile", clientSigned.toString()));
        Certificate authority = load(authorityStore).getCertificate("ca");
        Files.writeString(authorityPem, pem("CERTIFICATE", authority.getEncoded()));
        await(keytool("-importcert", "-noprompt", "-alias", "ca", "-file", authorityPem.toString(),
                "-keystore", clientKeystore.toString()));
        await(keytool("-importcert", "-alias", "client", "-file", clientSigned.toString(),
                "-keystore", clientKeystore.toString()));

        KeyStore broker = load(brokerStore);
        Certificate brokerCertificate = broker.getCertificate("broker");
        Path brokerCertificateFile = directory.resolve("broker-cert.pem");
        Files.writeString(brokerCertificateFile, pem("CERTIFICATE", brokerCertificate.getEncoded()));
        Key key = broker.getKey("broker", PASSWORD.toCharArray());
        Path brokerKeyFile = directory.resolve("broker-key.pem");
        Files.writeString(brokerKeyFile, pem("PRIVATE KEY", key.getEncoded()));

        KeyStore truststore = KeyStore.getInstance("PKCS12");
        truststore.load(null, null);
        truststore.setCertificateEntry("broker", brokerCertificate);
        Path truststoreFile = directory.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(truststoreFile)) {
            truststore.store(out, PASSWORD.toCharArray());
        }
        return new TlsMaterial(brokerCertificateFile, brokerKeyFile, authorityPem, truststoreFile, clientKeystore);
    }

    private static Process keyPair(Path store, String alias, String name, String extension) throws IOException {
        return keytool("-genkeypair", "-alias", alias, "-dname", name, "-ext", extension, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-keystore", store.toString());
    }

    private static Process keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void await(Process keytool) throws IOException, InterruptedException {
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
        return KeyStore.getInstance(store.toFile(), PASSWORD.toCharArray());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
