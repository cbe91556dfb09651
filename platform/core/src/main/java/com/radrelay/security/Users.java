package com.radrelay.security;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface Users extends JpaRepository<UserAccount, UUID> {

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findByEmailIgnoreCase(String email);

    List<UserAccount> findByTenantIdOrderByUsername(UUID tenantId);

    List<UserAccount> findByRoleOrderByUsername(Role role);

    List<UserAccount> findByVendorIdOrderByUsername(UUID vendorId);
}
