package com.contactproperties.support;

import com.contactproperties.platform.dev.DevKeys;
import com.contactproperties.platform.dev.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real, throwaway PostgreSQL on a free port for the whole test run (stopped when the JVM
 * exits) and points the service and its token verification at it and at the test key pair.
 */
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(EmbeddedDatabase.datasourceConfig());
        config.put("mp.jwt.verify.publickey.location", DevKeys.publicKeyFile().toString());
        return config;
    }

    @Override
    public void stop() {
        // The server lives as long as the JVM: every test class of the run shares it.
    }
}
