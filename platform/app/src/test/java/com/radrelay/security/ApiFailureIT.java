package com.radrelay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.tenancy.CurrentTenant;
import com.radrelay.tenancy.Tenant;
import com.radrelay.tenancy.TenantDirectory;
import com.radrelay.testing.Clinics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Over a real servlet container: a failure inside an API call reaches the client as an error status. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ApiFailureIT.Faulty.class)
class ApiFailureIT {

    @LocalServerPort int port;
    @Autowired TenantDirectory directory;
    @Autowired ApiTokens tokens;

    @Test
    void aFailingApiCallAnswers500NotARedirectToTheLoginPage() throws Exception {
        Tenant clinic = Clinics.ruralClinic(directory);
        IssuedToken token = CurrentTenant.call(clinic.id(), () -> tokens.issue("gateway"));
        HttpResponse<String> rsp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/clinics/" + clinic.slug() + "/test-fault"))
                .header("Authorization", "Bearer " + token.secret()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rsp.statusCode()).as(rsp.body()).isEqualTo(500);
        assertThat(rsp.headers().firstValue("Location")).isEmpty();
    }

    @TestConfiguration
    static class Faulty {
        @Bean
        FaultyEndpoint faultyEndpoint() {
            return new FaultyEndpoint();
        }
    }

    @RestController
    static class FaultyEndpoint {
        @GetMapping("/api/clinics/{clinic}/test-fault")
        String fail() {
            throw new IllegalStateException("a fault inside the call");
        }
    }
}
