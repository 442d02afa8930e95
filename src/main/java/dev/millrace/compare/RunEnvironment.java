package dev.millrace.compare;

/**
 * Where a comparison ran, so that a stored result says what its numbers are worth.
 *
 * @param cores   processors the JVM saw
 * @param java    the JVM's version
 * @param os      operating system name, version and architecture
 * @param version Millrace's version, or "development" when run from classes
 */
public record RunEnvironment(int cores, String java, String os, String version) {

    static RunEnvironment current() {
        String version = RunEnvironment.class.getPackage().getImplementationVersion();
        return new RunEnvironment(Runtime.getRuntime().availableProcessors(), Runtime.version().toString(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                version == null ? "development" : version);
    }
}
