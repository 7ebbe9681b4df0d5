package com.contactproperties.support;

import com.contactproperties.platform.dev.DevKeys;
import com.contactproperties.platform.dev.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * What the packaged service needs to start in its production profile for a
 * {@code @QuarkusIntegrationTest}: the test PostgreSQL, and the token and paging settings that
 * production requires (the test key pair standing in for an identity provider).
 */
public class PackagedServiceResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(EmbeddedDatabase.datasourceConfig());
        config.put("mp.jwt.verify.publickey.location", DevKeys.publicKeyFile().toString());
        config.put("mp.jwt.verify.issuer", DevKeys.ISSUER);
        config.put("mp.jwt.verify.audiences", DevKeys.AUDIENCE);
        config.put("contact-properties.page-token-secret", "it-page-token-secret");
        config.put("quarkus.log.console.json.enabled", "false");
        return config;
    }

    @Override
    public void stop() {
        // The database lives as long as the test JVM.
    }
}
