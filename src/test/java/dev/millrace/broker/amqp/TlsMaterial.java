package dev.millrace.broker.amqp;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
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
        runKeytool(
                keyPair(authorityStore, "ca", "CN=millrace-test-ca", "bc:c"),
                keyPair(brokerStore, "broker", "CN=" + BROKER_HOST, "SAN=dns:" + BROKER_HOST),
                keyPair(clientKeystore, "client", "CN=" + CLIENT_NAME, "KeyUsage=digitalSignature"),
                store(clientKeystore, "-certreq", "-alias", "client", "-file", clientRequest.toString()),
                store(authorityStore, "-gencert", "-alias", "ca", "-rfc", "-infile", clientRequest.toString(),
                        "-outfile", clientSigned.toString()),
                store(authorityStore, "-exportcert", "-alias", "ca", "-rfc", "-file", authorityPem.toString()),
                store(clientKeystore, "-importcert", "-noprompt", "-alias", "ca", "-file", authorityPem.toString()),
                store(clientKeystore, "-importcert", "-alias", "client", "-file", clientSigned.toString()));

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

    /**
     * Runs keytool commands one after another in one child JVM ({@link KeytoolBatch}): starting a JVM is most of what
     * a keytool command costs, and the JDK offers no public API to sign a certificate in this one.
     */
    @SafeVarargs
    private static void runKeytool(List<String>... commands) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Throw-away stores: one key-derivation round instead of thousands, and no optimising compiler.
                "-XX:TieredStopAtLevel=1", "-Dkeystore.pkcs12.certPbeIterationCount=1",
                "-Dkeystore.pkcs12.keyPbeIterationCount=1", "-Dkeystore.pkcs12.macIterationCount=1",
                "--add-exports", "java.base/sun.security.tools.keytool=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), KeytoolBatch.class.getName()));
        for (List<String> keytool : commands) {
            command.addAll(keytool);
            command.add(KeytoolBatch.NEXT);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private static List<String> keyPair(Path store, String alias, String name, String extension) {
        return store(store, "-genkeypair", "-alias", alias, "-dname", name, "-ext", extension, "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "2");
    }

    private static List<String> store(Path store, String... arguments) {
        List<String> command = new ArrayList<>(List.of(arguments));
        command.addAll(List.of("-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-keypass", PASSWORD));
        return command;
    }

    /** The child JVM's entry point: keytool's own main, once per command. */
    static final class KeytoolBatch {
        static final String NEXT = "--next-keytool-command";

        public static void main(String[] arguments) throws ReflectiveOperationException {
            Method keytool = Class.forName("sun.security.tools.keytool.Main").getMethod("main", String[].class);
            List<String> command = new ArrayList<>();
            for (String argument : arguments) {
                if (argument.equals(NEXT)) {
                    keytool.invoke(null, (Object) command.toArray(String[]::new));
                    command.clear();
                } else {
                    command.add(argument);
                }
            }
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
