package dev.millrace.broker.amqp;

/**
 * A password or key-store pass phrase. Its own type so that printing a settings record, or logging one by mistake,
 * shows a mask instead of the value.
 *
 * @param value the secret, or {@code null} when none was given
 */
record Secret(String value) {
    static final Secret NONE = new Secret(null);

    boolean isPresent() {
        return value != null && !value.isEmpty();
    }

    char[] chars() {
        return value == null ? new char[0] : value.toCharArray();
    }

    @Override
    public String toString() {
        return isPresent() ? "********" : "(none)";
    }
}
