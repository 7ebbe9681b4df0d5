package com.contactproperties.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings; each can be set by an environment variable (CONTACT_PROPERTIES_...). */
@ConfigMapping(prefix = "contact-properties")
public interface AppConfig {

  /** Secret that signs pagination tokens; required in production, the same on every instance. */
  String pageTokenSecret();

  /** Most live property definitions a tenant may have per entity type. */
  @WithDefault("1000")
  int maxDefinitions();
}
