package com.radrelay.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiScopeTests {

    @Test
    void stowStoresQidoQueriesAndEverythingElseOfDicomWebRetrieves() {
        assertThat(ApiScope.neededFor("POST", "/dicomweb/lakeside/studies")).contains(ApiScope.STORE);
        assertThat(ApiScope.neededFor("POST", "/dicomweb/lakeside/studies/1.2.3")).contains(ApiScope.STORE);
        for (String qido : new String[] {"/dicomweb/lakeside/studies", "/dicomweb/lakeside/series",
            "/dicomweb/lakeside/instances", "/dicomweb/lakeside/studies/1.2/series",
            "/dicomweb/lakeside/studies/1.2/instances", "/dicomweb/lakeside/studies/1.2/series/1.3/instances"}) {
            assertThat(ApiScope.neededFor("GET", qido)).as(qido).contains(ApiScope.QUERY);
        }
        for (String wado : new String[] {"/dicomweb/lakeside/studies/1.2", "/dicomweb/lakeside/studies/1.2/metadata",
            "/dicomweb/lakeside/studies/1.2/series/1.3", "/dicomweb/lakeside/studies/1.2/series/1.3/metadata",
            "/dicomweb/lakeside/studies/1.2/series/1.3/instances/1.4",
            "/dicomweb/lakeside/studies/1.2/series/1.3/instances/1.4/frames/1",
            "/dicomweb/lakeside/studies/1.2/series/1.3/instances/1.4/bulkdata/7FE00010"}) {
            assertThat(ApiScope.neededFor("GET", wado)).as(wado).contains(ApiScope.RETRIEVE);
        }
        assertThat(ApiScope.neededFor("GET", "/api/clinics/lakeside/fhir/DiagnosticReport"))
                .contains(ApiScope.RETRIEVE);
        assertThat(ApiScope.neededFor("GET", "/api/clinics/lakeside/whoami")).isEqualTo(Optional.empty());
    }
}
