package dev.millrace.broker.memory;

import dev.millrace.message.Message;
import dev.millrace.message.Metadata;

/**
 * A message as the broker keeps it: what every delivery copies from. The metadata is copied at publish time so
 * that a publisher touching its message afterwards cannot change what subscribers see; the payload is shared, as
 * {@link Message} documents it as read-only.
 *
 * @param size approximate bytes held: the payload plus two bytes per character of id, key and metadata
 */
record StoredMessage(String id, Metadata metadata, byte[] payload, String key, long size) {

    static StoredMessage of(Message message) {
        Metadata metadata = message.metadata().copy();
        String key = message.key();
        long[] characters = {message.id().length() + (key == null ? 0 : key.length())};
        metadata.forEach((name, value) -> characters[0] += name.length() + value.length());
        return new StoredMessage(message.id(), metadata, message.payload(), key,
                message.payload().length + 2 * characters[0]);
    }
}
