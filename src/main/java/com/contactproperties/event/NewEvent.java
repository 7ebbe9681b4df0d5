package com.contactproperties.event;

import com.fasterxml.jackson.databind.JsonNode;

/** An event to append: its type, the object it is about, and its type-specific body. */
public record NewEvent(String type, String objectType, String objectId, JsonNode data) {}
