package dev.millrace.broker.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.message.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A small client of RabbitMQ's management HTTP API (the {@code rabbitmq_management} plugin), scoped to one
 * virtual host. Only what the admin view reads; it never changes the broker's definitions.
 */
final class ManagementApi implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI base;
    private final String username;
    private final String authorization;
    private final String virtualHost;

    ManagementApi(AmqpSettings settings) {
        AmqpSettings.ManagementSettings management = settings.management();
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectionTimeout()).build();
        this.base = management.url();
        this.username = management.username();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (management.username() + ":" + (management.password().isPresent() ? management.password().value() : ""))
                        .getBytes(StandardCharsets.UTF_8));
        this.virtualHost = pathSegment(settings.virtualHost());
    }

    /** {@code GET api/<collection>/<vhost>[/<name>[/<rest>]]}, e.g. {@code get("queues")}. */
    JsonNode get(String collection, String... path) {
        return find(collection, path).orElseThrow(() -> new MessagingException(
                "the management API at " + base + " has no " + collection + " " + String.join("/", path)));
    }

    /** Like {@link #get}, but empty when the API answers 404 (no such exchange or queue). */
    Optional<JsonNode> find(String collection, String... path) {
        return send(HttpRequest.newBuilder(uri(collection, path)).GET());
    }

    /** {@code POST} with a JSON body; used to read messages (the API has no GET for that). */
    JsonNode post(Map<String, Object> body, String collection, String... path) {
        try {
            byte[] json = JSON.writeValueAsBytes(body);
            return send(HttpRequest.newBuilder(uri(collection, path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json)))
                    .orElseThrow(() -> new MessagingException("the management API at " + base + " has no "
                            + collection + " " + String.join("/", path)));
        } catch (IOException e) {
            throw new MessagingException("cannot write a management API request: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private URI uri(String collection, String... path) {
        StringBuilder relative = new StringBuilder("api/").append(collection).append('/').append(virtualHost);
        for (String segment : path) {
            relative.append('/').append(pathSegment(segment));
        }
        return base.resolve(relative.toString());
    }

    private Optional<JsonNode> send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.timeout(REQUEST_TIMEOUT).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new MessagingException("cannot reach the RabbitMQ management API at " + base
                    + ": is the rabbitmq_management plugin enabled (rabbitmq-plugins enable rabbitmq_management) "
                    + "and the 'management-url' option right?", e);
        } catch (IOException e) {
            throw new MessagingException("the RabbitMQ management API at " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while asking the RabbitMQ management API", e);
        }
        return switch (response.statusCode()) {
            case 200, 201, 204 -> Optional.of(parse(response.body()));
            case 404 -> Optional.empty();
            case 401 -> throw new MessagingException("the RabbitMQ management API at " + base + " refused user '"
                    + username + "': wrong password, or the user lacks the 'management' or 'monitoring' tag");
            case 403 -> throw new MessagingException("user '" + username + "' may not read this from the RabbitMQ "
                    + "management API at " + base + ": " + reason(response.body()));
            default -> throw new MessagingException("the RabbitMQ management API at " + base + " answered HTTP "
                    + response.statusCode() + ": " + reason(response.body()));
        };
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new MessagingException("the RabbitMQ management API answered something that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String reason(byte[] body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("reason").asText(error.toString());
        } catch (IOException e) {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters; the default vhost "/" becomes "%2F". */
    static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
