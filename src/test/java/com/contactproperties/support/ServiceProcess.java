package com.contactproperties.support;

import com.contactproperties.platform.dev.DevKeys;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as a process of its own,
 * for tests that kill it: {@link #kill()} is SIGKILL, with no chance to clean up.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    /** A service on a free port against the database of {@code datasource} (Quarkus property names). */
    public ServiceProcess(Map<String, String> datasource, Map<String, String> extra, Path log) {
        this.port = freePort();
        this.log = log;
        this.environment = new HashMap<>(extra);
        datasource.forEach((name, value) ->
                environment.put(name.toUpperCase().replace('.', '_').replace('-', '_'), value));
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", DevKeys.publicKeyFile().toString());
        environment.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        environment.put("MP_JWT_VERIFY_AUDIENCES", DevKeys.AUDIENCE);
        environment.put("CONTACT_PROPERTIES_PAGE_TOKEN_SECRET", "it-page-token-secret");
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
    }

    /** Starts the process and waits until it is ready. */
    public ServiceProcess start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                new File("target/quarkus-app/quarkus-run.jar").getAbsolutePath());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited; see " + log);
            }
            try {
                HttpResponse<Void> ready = client.send(
                        HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service did not become ready; see " + log);
    }

    /** SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
