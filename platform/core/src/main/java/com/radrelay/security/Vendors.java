package com.radrelay.security;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface Vendors extends JpaRepository<Vendor, UUID> {
}
