package dev.millrace.record;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Linux desktop keychain (GNOME Keyring, KWallet via the Secret Service API) through its command-line client
 * {@code secret-tool}. Secrets are passed on standard input and output, never as arguments, so they do not show in
 * the process list.
 */
public final class SecretToolKeychain implements SecretStore {
    private static final String APPLICATION = "millrace";
    private static final long TIMEOUT_SECONDS = 10;

    private final Path executable;

    private SecretToolKeychain(Path executable) {
        this.executable = executable;
    }

    /** The keychain, if {@code secret-tool} is installed and a secret service answers (a store-read-clear probe). */
    static Optional<SecretToolKeychain> ifAvailable() {
        Optional<Path> executable = onPath("secret-tool");
        if (executable.isEmpty()) {
            return Optional.empty();
        }
        SecretToolKeychain keychain = new SecretToolKeychain(executable.get());
        String probeKey = "probe/" + ProcessHandle.current().pid();
        try {
            keychain.put(probeKey, "probe");
            boolean works = keychain.get(probeKey).filter("probe"::equals).isPresent();
            keychain.remove(probeKey);
            return works ? Optional.of(keychain) : Optional.empty();
        } catch (RecordStoreException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> get(String key) {
        Result result = run("", "lookup", "application", APPLICATION, "key", key);
        return result.exitCode() == 0 ? Optional.of(result.output()) : Optional.empty();
    }

    @Override
    public void put(String key, String secret) {
        Result result = run(secret, "store", "--label=Millrace " + key, "application", APPLICATION, "key", key);
        if (result.exitCode() != 0) {
            throw new RecordStoreException("secret-tool could not store a secret (exit " + result.exitCode() + ")");
        }
    }

    @Override
    public void remove(String key) {
        run("", "clear", "application", APPLICATION, "key", key);
    }

    @Override
    public String description() {
        return "the desktop keychain (secret-tool)";
    }

    private Result run(String input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] output;
            try (InputStream stdout = process.getInputStream()) {
                output = stdout.readAllBytes();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RecordStoreException("secret-tool did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RecordStoreException("cannot run secret-tool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordStoreException("interrupted while waiting for secret-tool", e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private record Result(int exitCode, String output) {
    }
}
