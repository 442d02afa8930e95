package dev.millrace.broker.nats;

import dev.millrace.message.ConnectionException;
import dev.millrace.message.ConnectionException.Reason;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One jnats connection with Millrace's listeners: the client's errors go to SLF4J, a failed first connect becomes a
 * {@link ConnectionException} that says whether the address, the port or the credentials were wrong, and
 * subscriptions hear about reconnects (a restarted server has forgotten their pull requests).
 */
final class NatsClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NatsClient.class);

    private final Connection connection;
    private final Flusher flusher;
    private final List<Runnable> reconnectListeners;

    private NatsClient(Connection connection, List<Runnable> reconnectListeners) {
        this.connection = connection;
        this.flusher = new Flusher(connection);
        this.reconnectListeners = reconnectListeners;
    }

    /** Connects once to each server in turn (no retry loop on the first connect), or fails with the reason. */
    static NatsClient connect(NatsSettings settings) {
        List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
        Listener listener = new Listener(settings.describeServers(), reconnectListeners);
        Options options;
        try {
            options = settings.toClientOptions(listener, listener);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConnectionException(Reason.INVALID_OPTIONS, "invalid connection options: " + e.getMessage(), e);
        }
        try {
            Connection connection = Nats.connect(options);
            listener.connected = true;
            return new NatsClient(connection, reconnectListeners);
        } catch (AuthenticationException e) {
            throw new ConnectionException(Reason.AUTHENTICATION, "the NATS server at " + settings.describeServers()
                    + " rejected the credentials (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw classify(settings, listener.firstFailure, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(Reason.OTHER, "interrupted while connecting to "
                    + settings.describeServers(), e);
        } catch (RuntimeException e) {
            throw new ConnectionException(Reason.OTHER, "cannot connect to " + settings.describeServers() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Names the failure after the first exception in the cause chain that says what went wrong. */
    private static ConnectionException classify(NatsSettings settings, Exception failure, IOException thrown) {
        for (Throwable cause = failure != null ? failure : thrown; cause != null; cause = cause.getCause()) {
            ConnectionException classified = classified(settings, cause, thrown);
            if (classified != null) {
                return classified;
            }
        }
        Exception first = failure != null ? failure : thrown;
        return new ConnectionException(Reason.OTHER, "cannot connect to " + settings.describeServers() + ": "
                + first.getMessage(), thrown);
    }

    private static ConnectionException classified(NatsSettings settings, Throwable cause, IOException thrown) {
        String servers = settings.describeServers();
        return switch (cause) {
            case UnknownHostException unknown -> new ConnectionException(Reason.UNREACHABLE,
                    "cannot connect to " + servers + ": unknown host " + unknown.getMessage(), thrown);
            case NoRouteToHostException noRoute -> new ConnectionException(Reason.UNREACHABLE,
                    "cannot connect to " + servers + ": no route to the host", thrown);
            case ConnectException refused when refused.getMessage() != null
                    && refused.getMessage().toLowerCase(Locale.ROOT).contains("refused") ->
                    new ConnectionException(Reason.REFUSED, "cannot connect to " + servers
                            + ": connection refused (is the port right, is the server up?)", thrown);
            case ConnectException unreachable -> new ConnectionException(Reason.UNREACHABLE,
                    "cannot connect to " + servers + ": " + unreachable.getMessage(), thrown);
            case TimeoutException timeout -> unreachable(settings, thrown);
            case SocketTimeoutException timeout -> unreachable(settings, thrown);
            case SSLException tls -> new ConnectionException(Reason.OTHER,
                    "cannot connect to " + servers + ": TLS failed (" + tls.getMessage() + ")", thrown);
            default -> null;
        };
    }

    private static ConnectionException unreachable(NatsSettings settings, IOException thrown) {
        return new ConnectionException(Reason.UNREACHABLE, "cannot connect to " + settings.describeServers()
                + ": no NATS server answered within " + settings.connectTimeout().toMillis() + " ms", thrown);
    }

    Connection connection() {
        return connection;
    }

    /** Returns once the server has processed everything the calling thread sent before; see {@link Flusher}. */
    void flush(Duration timeout) throws TimeoutException, InterruptedException {
        flusher.await(timeout);
    }

    /** The largest message (headers plus payload) the server accepts, from its INFO. */
    long maxPayload() {
        return connection.getMaxPayload();
    }

    void onReconnect(Runnable listener) {
        reconnectListeners.add(listener);
    }

    void removeReconnectListener(Runnable listener) {
        reconnectListeners.remove(listener);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs what the client reports; remembers the first failure while the first connect is under way. */
    private static final class Listener implements ConnectionListener, ErrorListener {
        private final String servers;
        private final List<Runnable> reconnectListeners;
        private volatile boolean connected;
        private volatile Exception firstFailure;

        Listener(String servers, List<Runnable> reconnectListeners) {
            this.servers = servers;
            this.reconnectListeners = reconnectListeners;
        }

        /** Required by the interface, but jnats calls the four-argument form below instead. */
        @Override
        @SuppressWarnings("deprecation")
        public void connectionEvent(Connection connection, Events event) {
            connectionEvent(connection, event, null, null);
        }

        @Override
        public void connectionEvent(Connection connection, Events event, Long time, String uriDetails) {
            if (!connected) {
                // The first connect reports its failures as an exception; these events would only repeat them.
                log.debug("NATS connection event {} while connecting to {}", event, servers);
                return;
            }
            switch (event) {
                case DISCONNECTED -> log.warn("disconnected from NATS at {}", servers);
                case RECONNECTED -> log.info("reconnected to NATS at {}", servers);
                case RESUBSCRIBED -> reconnectListeners.forEach(Runnable::run);
                case CLOSED -> log.debug("connection to NATS at {} closed", servers);
                default -> log.debug("NATS connection event {}", event);
            }
        }

        @Override
        public void exceptionOccurred(Connection connection, Exception exception) {
            if (!connected) {
                if (firstFailure == null) {
                    firstFailure = exception;
                }
                log.debug("connecting to NATS at {} failed", servers, exception);
            } else if (connection.getStatus() != Connection.Status.CONNECTED) {
                // Failed reconnect attempts, one every reconnect-wait: the DISCONNECTED warning said it all.
                log.debug("NATS client error on {} while reconnecting: {}", servers, exception.toString());
            } else {
                log.warn("NATS client error on {}: {}", servers, exception.toString());
            }
        }

        @Override
        public void errorOccurred(Connection connection, String error) {
            if (connected) {
                log.warn("NATS server at {} reports: {}", servers, error);
            } else {
                log.debug("NATS server at {} refused the connection: {}", servers, error);
            }
        }

        @Override
        public void slowConsumerDetected(Connection connection, Consumer consumer) {
            log.warn("a NATS subscription on {} reads too slowly; the client drops messages ({} so far)",
                    servers, consumer.getDroppedCount());
        }
    }
}
