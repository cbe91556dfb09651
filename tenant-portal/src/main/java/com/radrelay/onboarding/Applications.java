package com.radrelay.onboarding;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface Applications extends JpaRepository<Application, UUID> {

    List<Application> findByStatusInOrderByCreatedAt(Collection<ApplicationStatus> statuses);

    List<Application> findByEmailIgnoreCaseAndStatus(String email, ApplicationStatus status);

    boolean existsByEmailIgnoreCaseAndStatusIn(String email, Collection<ApplicationStatus> statuses);
}
