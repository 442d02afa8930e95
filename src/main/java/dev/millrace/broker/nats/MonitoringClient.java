package dev.millrace.broker.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.message.MessagingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads nats-server's HTTP monitoring endpoint (started with {@code -m <port>} or {@code http_port}): the only
 * place core NATS tells which subjects have subscribers.
 */
final class MonitoringClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1024;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** One subscription as {@code /subsz?subs=1} lists it. */
    record SubscriptionEntry(String subject, String queueGroup, long clientId, long delivered) {
    }

    MonitoringClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Every subscription the server knows, page by page. */
    List<SubscriptionEntry> subscriptions() {
        List<SubscriptionEntry> entries = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = get("subsz?subs=1&offset=" + offset + "&limit=" + PAGE);
            JsonNode list = page.path("subscriptions_list");
            for (JsonNode sub : list) {
                entries.add(new SubscriptionEntry(sub.path("subject").asText(),
                        sub.hasNonNull("qgroup") ? sub.path("qgroup").asText() : null,
                        sub.path("cid").asLong(), sub.path("msgs").asLong()));
            }
            offset += list.size();
            if (list.isEmpty() || offset >= page.path("total").asLong()) {
                return entries;
            }
        }
    }

    private JsonNode get(String pathAndQuery) {
        URI uri = base.resolve(pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new MessagingException("the NATS monitoring endpoint " + uri + " answered HTTP "
                        + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new MessagingException("cannot read the NATS monitoring endpoint " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("interrupted while reading " + uri, e);
        }
    }
}
