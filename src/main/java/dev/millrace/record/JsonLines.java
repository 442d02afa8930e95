package dev.millrace.record;

/** The names of the JSON Lines export format, shared by the writer and the reader. */
final class JsonLines {
    static final String FORMAT = "millrace-session";
    static final int VERSION = 1;

    static final String KIND = "kind";
    static final String KIND_SESSION = "session";
    static final String KIND_MESSAGE = MessageRows.KIND_MESSAGE;
    static final String KIND_GAP = MessageRows.KIND_GAP;
    static final String KIND_END = "end";

    static final String SEQ = "seq";
    static final String ID = "id";
    static final String BROKER_ID = "broker_id";
    static final String PROFILE = "profile";
    static final String TOPIC = "topic";
    static final String KEY = "key";
    static final String PARTITION = "partition";
    static final String SEQUENCE = "sequence";
    static final String BROKER_TIMESTAMP = "broker_timestamp";
    static final String RECEIVED_AT = "received_at";
    static final String RECEIVED_NANOS = "received_nanos";
    static final String REDELIVERED = "redelivered";
    static final String PAYLOAD_SIZE = "payload_size";
    static final String CORRELATION_ID = "correlation_id";
    static final String METADATA = "metadata";
    static final String PAYLOAD_ENCODING = "payload_encoding";
    static final String PAYLOAD = "payload";
    static final String DROPPED = "dropped";

    static final String ENCODING_UTF8 = "utf-8";
    static final String ENCODING_BASE64 = "base64";

    static final String HEADER_FORMAT = "format";
    static final String HEADER_VERSION = "version";
    static final String HEADER_SESSION_ID = "session_id";
    static final String HEADER_NAME = "name";
    static final String HEADER_STATUS = "status";
    static final String HEADER_CREATED_AT = "created_at";
    static final String HEADER_ENDED_AT = "ended_at";
    static final String HEADER_PROFILE_OPTIONS = "profile_options";
    static final String HEADER_SUBSCRIPTIONS = "subscriptions";
    static final String HEADER_NOTES = "notes";
    static final String HEADER_RECEIVED = "received";
    static final String HEADER_RECORDED = "recorded";
    static final String HEADER_DROPPED = "dropped";
    static final String HEADER_PARTIAL = "partial";
    static final String END_ENTRIES = "entries";

    private JsonLines() {
    }
}
