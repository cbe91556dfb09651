package com.radrelay.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;

interface Tenants extends JpaRepository<Tenant, UUID> {

    Optional<Tenant> findBySlugAndStatusNot(String slug, Tenant.Status status);

    List<Tenant> findByStatusNot(Tenant.Status status, Sort sort);
}
