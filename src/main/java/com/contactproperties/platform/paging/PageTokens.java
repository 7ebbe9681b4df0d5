package com.contactproperties.platform.paging;

import com.contactproperties.platform.AppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Provides the page-token signer built from the configured secret. */
@ApplicationScoped
class PageTokens {

    @Produces
    @Singleton
    PageToken pageToken(AppConfig config) {
        return new PageToken(config.pageTokenSecret());
    }
}
