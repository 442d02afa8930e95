package dev.millrace.app.publish;

/** How the composer reads its payload editor. */
public enum PayloadMode {
    TEXT("Text"),
    JSON("JSON"),
    HEX("Hex"),
    FILE("File");

    private final String label;

    PayloadMode(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
