package dev.millrace.broker.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.millrace.broker.Brokers;
import dev.millrace.message.ConnectionException;
import dev.millrace.message.Message;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code .creds} files against a server in operator mode (decentralized JWT authentication): an operator, a system
 * account and an application account with JetStream, all made here with jnats' NKeys and preloaded into the server's
 * memory resolver, as {@code nsc} would set them up.
 */
class NatsCredentialsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Account limits: everything unlimited, JetStream included (storage limits other than 0 enable it). */
    private static final String ACCOUNT_LIMITS = "\"limits\":{\"subs\":-1,\"data\":-1,\"payload\":-1,"
            + "\"imports\":-1,\"exports\":-1,\"wildcards\":true,\"conn\":-1,\"leaf\":-1,"
            + "\"mem_storage\":-1,\"disk_storage\":-1,\"streams\":-1,\"consumer\":-1}";
    private static NatsServer server;
    private static NKey operator;
    private static NKey account;

    @TempDir
    Path files;

    @BeforeAll
    static void startServerInOperatorMode() throws Exception {
        operator = NKey.createOperator(RANDOM);
        account = NKey.createAccount(RANDOM);
        NKey system = NKey.createAccount(RANDOM);
        String systemKey = publicKey(system);
        // JetStream needs the system account for its internal subscriptions; the server refuses to start without it.
        String operatorJwt = signedByOperator(publicKey(operator), "millrace-test-operator",
                "{\"system_account\":\"" + systemKey + "\",\"type\":\"operator\",\"version\":2}");
        String systemJwt = signedByOperator(systemKey, "SYS", "{\"type\":\"account\",\"version\":2}");
        String accountJwt = signedByOperator(publicKey(account), "millrace-test-account",
                "{" + ACCOUNT_LIMITS + ",\"type\":\"account\",\"version\":2}");
        server = NatsServer.startWith("operator: " + operatorJwt + "\n"
                + "system_account: " + systemKey + "\n"
                + "resolver: MEMORY\n"
                + "resolver_preload: {\n"
                + "  " + systemKey + ": " + systemJwt + "\n"
                + "  " + publicKey(account) + ": " + accountJwt + "\n"
                + "}\n");
    }

    @AfterAll
    static void stopServer() {
        server.destroy();
    }

    @Test
    void aCredsFileOfAUserOfAKnownAccountOpensAWorkingConnection() throws Exception {
        RoundTrip.assertMessageGoesThrough("nats",
                Map.of("servers", server.url(), "credentials-file", credsFile(account).toString()));
    }

    @Test
    void jetStreamAuthenticatesWithTheCredsFileToo() throws Exception {
        RoundTrip.assertMessageGoesThrough("jetstream", Map.of("servers", server.url(),
                "credentials-file", credsFile(account).toString()));
    }

    @Test
    void aCredsFileOfAUserSignedByAnUnknownAccountFailsFastAsAnAuthenticationError() throws Exception {
        Path creds = credsFile(NKey.createAccount(RANDOM));

        ConnectionException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> catchThrowableOfType(ConnectionException.class, () -> Brokers.require("nats").connect(
                        Map.of("servers", server.url(), "credentials-file", creds.toString()))));

        assertThat(failure).isNotNull();
        assertThat(failure.reason()).isEqualTo(ConnectionException.Reason.AUTHENTICATION);
        assertThat(failure).hasMessageContaining("rejected the credentials")
                .hasMessageNotContaining(Files.readString(creds).lines().filter(line -> line.startsWith("SU"))
                        .findFirst().orElseThrow());
    }

    /** A new user of {@code issuer}, its JWT and seed in the decorated format {@code nsc} writes. */
    private Path credsFile(NKey issuer) throws GeneralSecurityException, IOException {
        NKey user = NKey.createUser(RANDOM);
        String jwt = JwtUtils.issueUserJWT(issuer, publicKey(issuer), publicKey(user));
        Path file = files.resolve("user-" + Message.newId() + ".creds");
        Files.writeString(file, String.format(JwtUtils.NATS_USER_JWT_FORMAT, jwt, new String(user.getSeed())),
                StandardCharsets.US_ASCII);
        return file;
    }

    /** A JWT about {@code subject}, issued and signed by the operator, with {@code claims} as its nats section. */
    private static String signedByOperator(String subject, String name, String claims)
            throws GeneralSecurityException, IOException {
        return JwtUtils.issueJWT(operator, subject, name, null, JwtUtils.currentTimeSeconds(), publicKey(operator),
                null, () -> claims);
    }

    private static String publicKey(NKey key) throws GeneralSecurityException, IOException {
        return new String(key.getPublicKey());
    }

}
