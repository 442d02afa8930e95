package dev.millrace.message;

/** A message is larger than the broker accepts. */
public class PayloadTooLargeException extends MessagingException {
    private final long size;
    private final long limit;

    public PayloadTooLargeException(String topic, long size, long limit) {
        super("message of " + size + " bytes on '" + topic + "' exceeds the broker limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
