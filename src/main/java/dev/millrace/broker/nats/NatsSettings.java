package dev.millrace.broker.nats;

import dev.millrace.broker.OptionSpec;
import dev.millrace.broker.OptionType;
import dev.millrace.broker.OptionValues;
import dev.millrace.message.ConnectionException;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The connection options both NATS adapters share: where the servers are, who we are, TLS, and how hard to try.
 *
 * @param servers        server URLs, tried in order on connect
 * @param connectionName name shown in the server's monitoring
 * @param user           user name, or null
 * @param password       password, or null (secret)
 * @param token          authentication token, or null (secret)
 * @param credentials    a {@code .creds} file (JWT and NKey seed), or null
 * @param nkeySeed       a file holding an NKey seed, or null
 * @param tls            use TLS even for {@code nats://} URLs
 * @param tlsStores      key and trust stores for TLS
 * @param connectTimeout how long one connection attempt may take
 * @param maxReconnects  reconnect attempts after a connection was lost; -1 for no limit
 * @param reconnectWait  pause between reconnect attempts to the same server
 * @param requestTimeout how long a publish waits for the server (core NATS: the flush; JetStream: the PubAck)
 */
record NatsSettings(
        List<String> servers,
        String connectionName,
        String user,
        String password,
        String token,
        Path credentials,
        Path nkeySeed,
        boolean tls,
        TlsStores tlsStores,
        Duration connectTimeout,
        int maxReconnects,
        Duration reconnectWait,
        Duration requestTimeout) {

    /**
     * Key and trust stores (JKS or PKCS#12), each with its password.
     */
    record TlsStores(Path truststore, String truststorePassword, Path keystore, String keystorePassword) {

        boolean any() {
            return truststore != null || keystore != null;
        }
    }

    static final String SERVERS = "servers";
    static final String CONNECTION_NAME = "connection-name";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String TOKEN = "token";
    static final String CREDENTIALS_FILE = "credentials-file";
    static final String NKEY_SEED_FILE = "nkey-seed-file";
    static final String TLS = "tls";
    static final String TLS_TRUSTSTORE = "tls-truststore";
    static final String TLS_TRUSTSTORE_PASSWORD = "tls-truststore-password";
    static final String TLS_KEYSTORE = "tls-keystore";
    static final String TLS_KEYSTORE_PASSWORD = "tls-keystore-password";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String MAX_RECONNECTS = "max-reconnects";
    static final String RECONNECT_WAIT = "reconnect-wait";
    static final String REQUEST_TIMEOUT = "request-timeout";

    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.optional(SERVERS, OptionType.STRING, "nats://localhost:4222",
                    "Comma-separated server URLs (nats://host:port, tls://host:port); the first reachable one is used"),
            OptionSpec.optional(CONNECTION_NAME, OptionType.STRING, "millrace",
                    "Name of the connection as the server's monitoring shows it"),
            OptionSpec.optional(USER, OptionType.STRING, null, "User name for user/password authentication"),
            OptionSpec.secret(PASSWORD, "Password for user/password authentication"),
            OptionSpec.secret(TOKEN, "Authentication token, for servers configured with a token"),
            OptionSpec.optional(CREDENTIALS_FILE, OptionType.PATH, null,
                    "A .creds file (user JWT and NKey seed) for decentralized (operator/account) authentication"),
            OptionSpec.optional(NKEY_SEED_FILE, OptionType.PATH, null,
                    "A file holding a user NKey seed (SU...), for NKey authentication"),
            OptionSpec.optional(TLS, OptionType.BOOLEAN, "false",
                    "Require TLS even for nats:// URLs (tls:// URLs always use it)"),
            OptionSpec.optional(TLS_TRUSTSTORE, OptionType.PATH, null,
                    "Trust store (JKS or PKCS#12) with the CA that signed the server certificate; default: the JVM's"),
            OptionSpec.secret(TLS_TRUSTSTORE_PASSWORD, "Password of the trust store"),
            OptionSpec.optional(TLS_KEYSTORE, OptionType.PATH, null,
                    "Key store (JKS or PKCS#12) with the client certificate, for servers that verify clients"),
            OptionSpec.secret(TLS_KEYSTORE_PASSWORD, "Password of the key store"),
            OptionSpec.optional(CONNECT_TIMEOUT, OptionType.DURATION, "2s",
                    "How long one attempt to connect to a server may take"),
            OptionSpec.optional(MAX_RECONNECTS, OptionType.INTEGER, "60",
                    "Reconnect attempts after a connection was lost (-1: no limit); the first connect is tried once"),
            OptionSpec.optional(RECONNECT_WAIT, OptionType.DURATION, "2s",
                    "Pause between reconnect attempts to the same server"),
            OptionSpec.optional(REQUEST_TIMEOUT, OptionType.DURATION, "5s",
                    "How long a publish waits for the server to accept it"));

    static NatsSettings from(OptionValues values) {
        List<String> problems = new ArrayList<>();
        List<String> servers = Arrays.stream(values.string(SERVERS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (servers.isEmpty()) {
            problems.add("option '" + SERVERS + "' names no server");
        }
        servers.forEach(server -> checkServerUrl(server, problems));
        String user = values.string(USER);
        String password = values.string(PASSWORD);
        if (password != null && user == null) {
            problems.add("option '" + PASSWORD + "' needs '" + USER + "'");
        }
        Path credentials = existingFile(values, CREDENTIALS_FILE, problems);
        Path nkeySeed = existingFile(values, NKEY_SEED_FILE, problems);
        if (credentials != null && nkeySeed != null) {
            problems.add("options '" + CREDENTIALS_FILE + "' and '" + NKEY_SEED_FILE + "' exclude each other");
        }
        TlsStores stores = new TlsStores(existingFile(values, TLS_TRUSTSTORE, problems),
                values.string(TLS_TRUSTSTORE_PASSWORD), existingFile(values, TLS_KEYSTORE, problems),
                values.string(TLS_KEYSTORE_PASSWORD));
        int maxReconnects = values.integer(MAX_RECONNECTS);
        if (maxReconnects < -1) {
            problems.add("option '" + MAX_RECONNECTS + "' must be -1 (no limit) or more, got " + maxReconnects);
        }
        Duration connectTimeout = positive(values, CONNECT_TIMEOUT, problems);
        Duration requestTimeout = positive(values, REQUEST_TIMEOUT, problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new NatsSettings(servers, values.string(CONNECTION_NAME), user, password, values.string(TOKEN),
                credentials, nkeySeed, values.bool(TLS), stores, connectTimeout, maxReconnects,
                values.duration(RECONNECT_WAIT), requestTimeout);
    }

    /** The jnats options for these settings, reporting to the given listeners. */
    Options toClientOptions(ConnectionListener connectionListener, ErrorListener errorListener) {
        Options.Builder builder = new Options.Builder()
                .servers(servers.toArray(String[]::new))
                .connectionName(connectionName)
                .connectionTimeout(connectTimeout)
                .maxReconnects(maxReconnects)
                .reconnectWait(reconnectWait)
                .connectionListener(connectionListener)
                .errorListener(errorListener)
                // Flush PINGs count against the stale-connection limit: keep the client's own margin on top of them.
                .maxPingsOut(Options.DEFAULT_MAX_PINGS_OUT + Flusher.MAX_IN_FLIGHT)
                // Servers are tried in the order given, so that a list reads as "primary first".
                .noRandomize();
        if (user != null) {
            builder.userInfo(user, password == null ? "" : password);
        }
        if (token != null) {
            builder.token(token.toCharArray());
        }
        if (credentials != null) {
            builder.authHandler(Nats.credentials(credentials.toString()));
        }
        if (nkeySeed != null) {
            builder.authHandler(Nats.staticCredentials(null, readSeed(nkeySeed)));
        }
        configureTls(builder);
        return builder.build();
    }

    /** The servers for messages, with any user:password in a URL masked. */
    String describeServers() {
        return String.join(", ", servers.stream().map(NatsSettings::redact).toList());
    }

    static String redact(String url) {
        int at = url.lastIndexOf('@');
        int scheme = url.indexOf("://");
        return at < 0 ? url : url.substring(0, scheme < 0 ? 0 : scheme + 3) + "***@" + url.substring(at + 1);
    }

    private void configureTls(Options.Builder builder) {
        try {
            if (tlsStores.truststore() != null) {
                builder.truststorePath(tlsStores.truststore().toString());
                if (tlsStores.truststorePassword() != null) {
                    builder.truststorePassword(tlsStores.truststorePassword().toCharArray());
                }
            }
            if (tlsStores.keystore() != null) {
                builder.keystorePath(tlsStores.keystore().toString());
                if (tlsStores.keystorePassword() != null) {
                    builder.keystorePassword(tlsStores.keystorePassword().toCharArray());
                }
            }
            if (tls && !tlsStores.any()) {
                builder.secure();
            }
        } catch (NoSuchAlgorithmException e) {
            throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                    "this JVM offers no TLS: " + e.getMessage(), e);
        }
    }

    private static char[] readSeed(Path file) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("SU")) {
                    return trimmed.toCharArray();
                }
            }
        } catch (IOException e) {
            throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                    "cannot read the NKey seed file " + file + ": " + e.getMessage(), e);
        }
        throw new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                "the NKey seed file " + file + " holds no user seed (a line starting with SU)");
    }

    private static void checkServerUrl(String server, List<String> problems) {
        try {
            URI uri = new URI(server.contains("://") ? server : "nats://" + server);
            String scheme = uri.getScheme();
            if (!List.of("nats", "tls", "opentls", "ws", "wss").contains(scheme)) {
                problems.add("server URL '" + redact(server) + "' has the unknown scheme '" + scheme + "'");
            } else if (uri.getHost() == null) {
                problems.add("server URL '" + redact(server) + "' names no host");
            }
        } catch (URISyntaxException e) {
            problems.add("server URL '" + redact(server) + "' is not a URL: " + e.getReason());
        }
    }

    private static Path existingFile(OptionValues values, String name, List<String> problems) {
        String value = values.string(name);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            problems.add("option '" + name + "': no readable file at " + path);
        }
        return path;
    }

    private static Duration positive(OptionValues values, String name, List<String> problems) {
        Duration duration = values.duration(name);
        if (duration.isZero() || duration.isNegative()) {
            problems.add("option '" + name + "' must be longer than zero, got " + duration);
        }
        return duration;
    }

    static ConnectionException invalid(List<String> problems) {
        return new ConnectionException(ConnectionException.Reason.INVALID_OPTIONS,
                "invalid connection options: " + String.join("; ", problems));
    }
}
