package com.contactproperties.platform.paging;

import java.util.List;

/** One page of a list and the token of the next page ({@code null} on the last page). */
public record Page<T>(List<T> items, String nextPageToken) {}
