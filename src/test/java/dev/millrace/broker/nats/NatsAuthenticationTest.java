package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.millrace.broker.Brokers;
import dev.millrace.message.ConnectionException;
import io.nats.client.NKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User/password, token and NKey authentication against real servers that require them. */
class NatsAuthenticationTest {
    private static final String TOKEN = "t0ken-for-tests";
    private static NatsServer tokenServer;
    private static NatsServer nkeyServer;
    private static NKey user;

    @TempDir
    Path files;

    @BeforeAll
    static void startServers() throws Exception {
        tokenServer = NatsServer.startWith("authorization { token: \"" + TOKEN + "\" }\n");
        user = NKey.createUser(new SecureRandom());
        nkeyServer = NatsServer.startWith("authorization {\n  users = [ { nkey: "
                + new String(user.getPublicKey()) + " } ]\n}\n");
    }

    @AfterAll
    static void stopServers() {
        tokenServer.destroy();
        nkeyServer.destroy();
    }

    @Test
    void userAndPasswordOpenAWorkingConnection() throws InterruptedException {
        RoundTrip.assertMessageGoesThrough("nats", Map.of("servers", NatsServer.secured().url(),
                "user", NatsServer.USER, "password", NatsServer.PASSWORD));
    }

    @Test
    void jetStreamAuthenticatesTheSameWay() throws InterruptedException {
        RoundTrip.assertMessageGoesThrough("jetstream", Map.of("servers", NatsServer.secured().url(),
                "user", NatsServer.USER, "password", NatsServer.PASSWORD));
    }

    @Test
    void aWrongPasswordFailsFastAsAnAuthenticationError() {
        assertAuthenticationFails(Map.of("servers", NatsServer.secured().url(),
                "user", NatsServer.USER, "password", "wrong"));
    }

    @Test
    void noCredentialsAtAllFailAsAnAuthenticationError() {
        assertAuthenticationFails(Map.of("servers", NatsServer.secured().url()));
    }

    @Test
    void theRejectionDoesNotRepeatThePassword() {
        assertThatThrownBy(() -> Brokers.require("nats").connect(Map.of("servers", NatsServer.secured().url(),
                "user", NatsServer.USER, "password", "wrong-Pa55word")))
                .hasMessageNotContaining("wrong-Pa55word");
    }

    @Test
    void aTokenOpensAWorkingConnection() throws InterruptedException {
        RoundTrip.assertMessageGoesThrough("nats", Map.of("servers", tokenServer.url(), "token", TOKEN));
    }

    @Test
    void aWrongTokenFailsAsAnAuthenticationError() {
        assertAuthenticationFails(Map.of("servers", tokenServer.url(), "token", "not-the-token"));
    }

    @Test
    void anNkeySeedFileOpensAWorkingConnection() throws Exception {
        Path seed = files.resolve("user.nk");
        Files.writeString(seed, new String(user.getSeed()) + "\n", StandardCharsets.US_ASCII);

        RoundTrip.assertMessageGoesThrough("nats",
                Map.of("servers", nkeyServer.url(), "nkey-seed-file", seed.toString()));
    }

    @Test
    void anNkeySeedTheServerDoesNotKnowFailsAsAnAuthenticationError() throws Exception {
        Path seed = files.resolve("stranger.nk");
        Files.writeString(seed, new String(NKey.createUser(new SecureRandom()).getSeed()),
                StandardCharsets.US_ASCII);

        assertAuthenticationFails(Map.of("servers", nkeyServer.url(), "nkey-seed-file", seed.toString()));
    }

    private static void assertAuthenticationFails(Map<String, String> options) {
        ConnectionException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(ConnectionException.class,
                        () -> Brokers.require("nats").connect(options)));

        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
    }
}
