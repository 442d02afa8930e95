package dev.millrace.record;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded session as listed.
 *
 * @param id            the session id
 * @param name          what the user called it
 * @param status        recording, complete or interrupted
 * @param createdAt     when recording (or the import) started
 * @param endedAt       when it stopped, or null while recording and for an interrupted one
 * @param brokerId      adapter id of the broker recorded from
 * @param profileName   connection profile used, or null for an ad-hoc connection
 * @param profileOptions the connection options without secrets, as when recording started
 * @param subscriptions what was subscribed to
 * @param notes         free text
 * @param received      messages received from the broker
 * @param recorded      messages written to the store
 * @param dropped       messages lost to overflow (see {@link GapMarker})
 */
public record SessionInfo(long id, String name, SessionStatus status, Instant createdAt, Instant endedAt,
        String brokerId, String profileName, Map<String, String> profileOptions, List<SubscriptionSpec> subscriptions,
        String notes, long received, long recorded, long dropped) {

    public SessionInfo {
        profileOptions = Collections.unmodifiableMap(new LinkedHashMap<>(profileOptions));
        subscriptions = List.copyOf(subscriptions);
    }
}
