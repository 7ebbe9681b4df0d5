package com.contactproperties.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** Direct SQL for fixtures the API cannot build yet, and for checking what is stored. */
@ApplicationScoped
public class Database {

    private final Pool pool;

    Database(Pool pool) {
        this.pool = pool;
    }

    /** Runs one statement and answers the number of rows it touched. */
    public int execute(String sql, Object... parameters) {
        return pool.preparedQuery(sql)
                .execute(Tuple.from(parameters))
                .await()
                .atMost(Duration.ofSeconds(30))
                .rowCount();
    }

    /** Stores a contact holding the given custom values (JSON object text). */
    public void insertContact(String tenant, String id, String customFieldsJson) {
        execute(
                "insert into contacts (tenant_id, id, custom_fields) values ($1, $2, ($3::text)::jsonb)",
                tenant,
                id,
                customFieldsJson);
    }
}
