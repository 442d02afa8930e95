package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.broker.BrokerConnection;
import dev.millrace.broker.Brokers;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Message;
import dev.millrace.message.Subscription;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS against a real server with a self-signed certificate made by the JDK's keytool. */
class NatsTlsTest {
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path files;
    private static NatsServer server;
    private static Path truststore;

    @BeforeAll
    static void startTlsServer() throws Exception {
        Path keystore = files.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process generate = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD).redirectErrorStream(true).start();
        assertThat(generate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(generate.exitValue()).as(new String(generate.getInputStream().readAllBytes())).isZero();

        KeyStore serverStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            serverStore.load(in, STORE_PASSWORD.toCharArray());
        }
        Certificate certificate = serverStore.getCertificate("server");
        Key key = serverStore.getKey("server", STORE_PASSWORD.toCharArray());
        Path certificatePem = files.resolve("server-cert.pem");
        Path keyPem = files.resolve("server-key.pem");
        Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate);
        truststore = files.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trusted.store(out, STORE_PASSWORD.toCharArray());
        }
        server = NatsServer.startWith("tls {\n  cert_file: \"" + certificatePem + "\"\n  key_file: \"" + keyPem
                + "\"\n}\n");
    }

    @AfterAll
    static void stopServer() {
        server.destroy();
    }

    @Test
    void aTrustStoreWithTheServersCertificateOpensAWorkingConnection() throws InterruptedException {
        String topic = "tls-" + Message.newId();
        try (BrokerConnection connection = Brokers.require("nats").connect(Map.of(
                "servers", "tls://127.0.0.1:" + server.port(),
                "tls-truststore", truststore.toString(),
                "tls-truststore-password", STORE_PASSWORD))) {
            Subscription subscription = connection.newSubscriber().subscribe(topic);
            Message sent = Message.of(new byte[] {42});
            connection.newPublisher().publish(topic, sent);

            Message received = subscription.receive(Duration.ofSeconds(10));

            assertThat(received.id()).isEqualTo(sent.id());
            received.ack();
        }
    }

    @Test
    void aServerCertificateNobodyTrustsFailsSayingTls() {
        assertThatThrownBy(() -> Brokers.require("nats").connect(Map.of(
                "servers", "tls://127.0.0.1:" + server.port())))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("TLS");
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return String.join("\n", List.of("-----BEGIN " + type + "-----", body, "-----END " + type + "-----", ""));
    }
}
