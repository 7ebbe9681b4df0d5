package com.contactproperties.tag;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A label a tenant attaches to contacts. Never leaves the service layer: see {@link TagView}. */
@Entity
@Table(name = "tags")
class Tag extends PanacheEntityBase {

    // The columns are PostgreSQL text (V1), which is what dev mode's schema validation compares with.
    @Column(name = "tenant_id", nullable = false, updatable = false, columnDefinition = "text")
    public String tenantId;

    // Ids are globally unique ULIDs; the table's key is (tenant_id, id) and every query names both.
    @Id
    @Column(columnDefinition = "text")
    public String id;

    @Column(nullable = false, columnDefinition = "text")
    public String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false, columnDefinition = "text")
    public String createdBy;
}
