package dev.millrace.broker;

/** The type of a connection option; decides parsing, validation and the form control shown for it. */
public enum OptionType {
    STRING,
    INTEGER,
    LONG,
    BOOLEAN,
    /** ISO-8601 ({@code PT5S}) or a number with a unit: {@code 500ms}, {@code 5s}, {@code 2m}. */
    DURATION,
    /** Bytes, plain or with a unit: {@code 1048576}, {@code 64KiB}, {@code 16MiB}, {@code 1GiB}. */
    SIZE,
    /** A file system path. */
    PATH,
    /** One of {@link OptionSpec#choices()}. */
    CHOICE
}
