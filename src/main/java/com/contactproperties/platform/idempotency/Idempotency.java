package com.contactproperties.platform.idempotency;

import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.json.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code Idempotency-Key}: the work of a request and its answer are one transaction, and a retry
 * with the same key and body gets the stored answer back without the work being done again.
 * Requests with one key are serialised by a transaction-scoped advisory lock taken before the first
 * look for a stored answer and held until the answer is stored and committed, so that of sixteen
 * racers one does the work and fifteen replay it; the same key with another body is a 422.
 */
@ApplicationScoped
public class Idempotency {

    private final Pool pool;
    private final IdempotencyRepository answers;

    Idempotency(Pool pool, IdempotencyRepository answers) {
        this.pool = pool;
        this.answers = answers;
    }

    /** A stored answer: its status and JSON body. */
    public record Answer(int status, String body) {

        /** The HTTP answer. */
        public RestResponse<String> toResponse() {
            return RestResponse.ResponseBuilder.<String>create(status)
                    .entity(body)
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        }
    }

    /** The fingerprint of a request body. */
    public static String hash(String canonicalBody) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonicalBody.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The fingerprint of a JSON request body sent with an {@code Idempotency-Key}; without a key
     * nothing is compared, so a large body is not serialised and hashed for nothing.
     */
    public static String bodyHash(String key, Object body) {
        return key == null ? "" : hash(Json.write(body));
    }

    /**
     * Runs {@code work} in a transaction and answers its answer; with a key, answers the stored answer
     * of the key instead when there is one, and otherwise stores the answer in the same transaction.
     */
    public Uni<Answer> once(
            String tenantId,
            String operation,
            Optional<String> key,
            String hash,
            Function<SqlConnection, Uni<Answer>> work) {
        if (key.isEmpty()) {
            return pool.withTransaction(work);
        }
        return pool.withTransaction(tx -> begin(tx, tenantId, operation, key.get(), hash)
                .flatMap(stored -> stored.isPresent()
                        ? Uni.createFrom().item(stored.get())
                        : work.apply(tx).call(answer -> save(tx, tenantId, operation, key.get(), hash, answer))));
    }

    /** Locks the key for this transaction and answers the stored answer, if the key was used. */
    private Uni<Optional<Answer>> begin(
            SqlClient transaction, String tenantId, String operation, String key, String hash) {
        if (key.isBlank() || key.length() > 255) {
            return Uni.createFrom()
                    .failure(new DomainException.BadRequest("Idempotency-Key", "must be 1 to 255 characters"));
        }
        return answers.lock(transaction, tenantId, operation, key)
                .flatMap(ignored -> answers.find(transaction, tenantId, operation, key))
                .map(found -> found.map(stored -> {
                    if (!stored.requestHash().equals(hash)) {
                        throw new DomainException.Invalid(
                                "Idempotency-Key", "was already used with a different request body");
                    }
                    return new Answer(stored.status(), stored.body());
                }));
    }

    /** Stores the answer to a key, in the transaction that did the work. */
    private Uni<Void> save(
            SqlClient transaction, String tenantId, String operation, String key, String hash, Answer answer) {
        return answers.insert(
                transaction,
                tenantId,
                operation,
                key,
                new IdempotencyRepository.Stored(hash, answer.status(), answer.body()));
    }
}
